package org.onecity.billing.access;

import org.junit.jupiter.api.Test;
import org.onecity.billing.support.BillingClient;
import org.onecity.billing.support.BillingTest;
import org.onecity.common.audit.RelayedAccess;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.test.CityTokens;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read of a card's data waits in billing's outbox until the city record's access log has it, naming the
 * person by citizen ID and card, so the cardholder finds it in their one list.
 */
@BillingTest
class AccessLogOutboxTest {

    @Autowired
    BillingClient billing;
    @Autowired
    AccessLog accessLog;

    @Test
    void aReadWaitsForTheCityRecordNamingThePersonAndLeavesOnceRelayed() {
        String card = BillingClient.newCardNumber();
        billing.registerCard(card, "37020219510102001X", "EMPLOYEE", "5000", "0");
        assertThat(billing.get("/billing/cards/" + card, CityTokens.insurer()).status()).isEqualTo(200);

        RelayedAccess read = waiting(card);
        assertThat(read.agentSubject()).isEqualTo("insurer-city-fund");
        assertThat(read.agentRole()).isEqualTo("insurer");
        assertThat(read.agentOrganization()).isEqualTo("CITY-FUND");
        assertThat(read.purposeOfUse()).isEqualTo("HPAYMT");
        assertThat(read.person()).containsExactly(
                new RelayedAccess.PersonIdentifier(CityIdentifiers.CITIZEN_ID, "37020219510102001X"),
                new RelayedAccess.PersonIdentifier(CityIdentifiers.INSURANCE_CARD, card));

        accessLog.relayed(List.of(read.eventId()));
        assertThat(accessLog.pending(100_000)).noneMatch(a -> a.eventId().equals(read.eventId()));
    }

    @Test
    void aPersonsReadOfTheSplitSoFarWaitsForTheCityRecordTheHospitalsOwnDoesNot() {
        String card = BillingClient.newCardNumber();
        billing.registerCard(card, "37020219510102001X", "EMPLOYEE", "5000", "0");
        long stay = billing.openVisit("H001", card, "INPATIENT", card + "-stay").body().path("id").asLong();
        billing.charge("H001", stay, """
                [{"chargeId":"%s-1","code":"110200001","quantity":1,"unitPrice":30}]""".formatted(card));
        assertThat(billing.preSettlement("H001", stay).status()).isEqualTo(200);
        assertThat(reads(card, "read-pre-settlement")).as("the hospital running the stay").isEmpty();

        assertThat(billing.get("/billing/visits/" + stay + "/pre-settlement", BillingClient.patientToken("zhang.wei"))
                .status()).isEqualTo(200);
        assertThat(billing.get("/billing/visits/" + stay + "/pre-settlement", CityTokens.insurer()).status())
                .isEqualTo(200);

        List<RelayedAccess> reads = reads(card, "read-pre-settlement");
        assertThat(reads).extracting(RelayedAccess::agentRole).containsExactly("patient", "insurer");
        assertThat(reads.get(0).agentSubject()).isNotBlank();
        assertThat(reads.get(0).purposeOfUse()).isEqualTo("PATRQT");
        assertThat(reads.get(0).what()).isEqualTo("read-pre-settlement visit/" + stay + " of card " + card);
        assertThat(reads.get(0).person()).containsExactly(
                new RelayedAccess.PersonIdentifier(CityIdentifiers.CITIZEN_ID, "37020219510102001X"),
                new RelayedAccess.PersonIdentifier(CityIdentifiers.INSURANCE_CARD, card));
    }

    private List<RelayedAccess> reads(String card, String action) {
        return accessLog.pending(100_000).stream().filter(a -> a.what().startsWith(action + " ")
                && a.what().endsWith("of card " + card)).toList();
    }

    private RelayedAccess waiting(String card) {
        return accessLog.pending(100_000).stream().filter(a -> a.what().endsWith("of card " + card)).findFirst().orElseThrow();
    }
}
