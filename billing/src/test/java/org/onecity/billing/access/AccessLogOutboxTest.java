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

    private RelayedAccess waiting(String card) {
        return accessLog.pending(100_000).stream().filter(a -> a.what().endsWith("of card " + card)).findFirst().orElseThrow();
    }
}
