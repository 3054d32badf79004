package org.onecity.billing.journey;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onecity.billing.support.BillingClient;
import org.onecity.billing.support.BillingClient.Answer;
import org.onecity.billing.support.BillingTest;
import org.onecity.common.test.CityTokens;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No financial data without a valid token and the right scope: hospitals act for themselves, patients see and pay
 * their own bills, insurers see their members', the bureau sees all.
 */
@BillingTest
class AccessTest {

    static final String ZHANG_WEI = "37020219510102001X";

    @Autowired
    BillingClient billing;

    String card;
    long visit;
    long bill;

    @BeforeEach
    void zhangWeiHasABillAtH001() {
        card = BillingClient.newCardNumber();
        billing.registerCard(card, ZHANG_WEI, "EMPLOYEE", "5000", "0");
        visit = billing.openVisit("H001", card, "OUTPATIENT", card + "-v").body().path("id").asLong();
        billing.charge("H001", visit, """
                [{"chargeId":"%s-1","code":"110200001","quantity":1,"unitPrice":30}]""".formatted(card));
        bill = billing.discharge("H001", visit).body().path("id").asLong();
    }

    @Test
    void withoutATokenNothingIsAnswered() {
        for (String path : new String[] {"/billing/cards/" + card, "/billing/cards/" + card + "/statement",
                "/billing/bills/" + bill, "/billing/visits/" + visit, "/billing/ledger/trial-balance"}) {
            assertThat(billing.get(path, null).status()).as(path).isEqualTo(401);
        }
        assertThat(billing.call("POST", "/billing/visits", null, Map.of("cardNumber", card), null).status())
                .isEqualTo(401);
        assertThat(billing.get("/billing/bills/" + bill, "not-a-token").status()).isEqualTo(401);
    }

    @Test
    void aPatientSeesAndPaysOnlyTheirOwnCardsBills() {
        assertThat(billing.get("/billing/bills/" + bill, BillingClient.patientToken("zhang.wei")).status()).isEqualTo(200);
        assertThat(billing.get("/billing/bills/" + bill, BillingClient.patientToken("li.na")).status()).isEqualTo(403);
        assertThat(billing.get("/billing/cards/" + card, BillingClient.patientToken("li.na")).status()).isEqualTo(403);
        assertThat(billing.pay(BillingClient.patientToken("li.na"), bill, "30.00", card + "-k").status()).isEqualTo(403);
    }

    @Test
    void someoneElsesCardOrBillIsRefusedInTheSameWordsAsOneThatDoesNotExist() {
        String stranger = BillingClient.patientToken("li.na");
        String noCard = BillingClient.newCardNumber();
        Answer others = billing.get("/billing/cards/" + card, stranger);
        Answer nobodys = billing.get("/billing/cards/" + noCard, stranger);
        assertThat(others.status()).isEqualTo(nobodys.status()).isEqualTo(403);
        assertThat(nobodys.body().path("detail").asText()).isEqualTo(others.body().path("detail").asText().replace(card, noCard));
        assertThat(billing.get("/billing/bills/" + Long.MAX_VALUE, stranger).status()).isEqualTo(403);
        assertThat(billing.pay(stranger, Long.MAX_VALUE, "1.00", noCard + "-k").status()).isEqualTo(403);
        assertThat(billing.get("/billing/fhir/Account/" + noCard, CityTokens.insurer()).status()).isEqualTo(403);
        Answer othersInvoice = billing.get("/billing/fhir/Invoice/" + bill, stranger);
        Answer noInvoice = billing.get("/billing/fhir/Invoice/" + Long.MAX_VALUE, stranger);
        assertThat(othersInvoice.status()).isEqualTo(noInvoice.status()).isEqualTo(403);
        assertThat(othersInvoice.body().toString()).as("the refusal names no card").doesNotContain(card);
        assertThat(billing.get("/billing/cards/" + noCard, CityTokens.admin()).status()).as("the bureau learns it").isEqualTo(404);
    }

    @Test
    void theCardholderReadsTheSplitSoFarOfHisRunningStayAsTheHospitalGetsIt() {
        long stay = runningStay();
        Answer statement = billing.get("/billing/cards/" + card + "/statement", BillingClient.patientToken("zhang.wei"));
        assertThat(statement.body().path("openVisits")).as("his card's statement names the running stay, not the billed visit")
                .extracting(v -> v.path("id").asLong()).containsExactly(stay);
        Answer own = billing.get(preSettlement(stay), BillingClient.patientToken("zhang.wei"));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).isEqualTo(billing.preSettlement("H001", stay).body());
        assertThat(own.text("total")).isEqualTo("430.00");
    }

    @Test
    void anotherPatientIsRefusedTheSplitSoFarInTheSameWordsAsForAStayThatDoesNotExist() {
        long stay = runningStay();
        String stranger = BillingClient.patientToken("li.na");
        Answer others = billing.get(preSettlement(stay), stranger);
        Answer nobodys = billing.get(preSettlement(Long.MAX_VALUE), stranger);
        assertThat(others.status()).isEqualTo(nobodys.status()).isEqualTo(403);
        assertThat(nobodys.text("detail")).isEqualTo(others.text("detail").replace(String.valueOf(stay),
                String.valueOf(Long.MAX_VALUE)));
        assertThat(others.body().toString()).as("the refusal names no card").doesNotContain(card);
    }

    @Test
    void theSplitSoFarIsForTheHospitalOfTheStayTheCardsInsurerAndTheBureauNotForDoctors() {
        long stay = runningStay();
        assertThat(billing.get(preSettlement(stay), CityTokens.doctor("dr.wang")).status()).isEqualTo(403);
        assertThat(billing.get(preSettlement(stay), CityTokens.hospital("H002")).status()).isEqualTo(404);
        assertThat(billing.get(preSettlement(stay), CityTokens.insurer()).status()).isEqualTo(200);
        assertThat(billing.get(preSettlement(stay), CityTokens.admin()).status()).isEqualTo(200);
        assertThat(billing.get(preSettlement(Long.MAX_VALUE), CityTokens.admin()).status()).as("the bureau learns it")
                .isEqualTo(404);
        assertThat(billing.get(preSettlement(stay), null).status()).isEqualTo(401);
    }

    /** Zhang Wei's inpatient stay at H001, still running, with 430.00 charged so far. */
    private long runningStay() {
        long stay = billing.openVisit("H001", card, "INPATIENT", card + "-stay").body().path("id").asLong();
        billing.charge("H001", stay, """
                [{"chargeId":"%s-s1","code":"110200001","quantity":1,"unitPrice":30},
                 {"chargeId":"%s-s2","code":"250101001","quantity":2,"unitPrice":200}]""".formatted(card, card));
        return stay;
    }

    private static String preSettlement(long visit) {
        return "/billing/visits/" + visit + "/pre-settlement";
    }

    @Test
    void payingNeedsThePaymentScope() {
        String readOnly = CityTokens.patient("zhang.wei");
        assertThat(billing.get("/billing/bills/" + bill, readOnly).status()).isEqualTo(200);
        assertThat(billing.pay(readOnly, bill, "30.00", card + "-k").status()).isEqualTo(403);
    }

    @Test
    void anInsurerSeesItsMembersCardsOnly() {
        assertThat(billing.get("/billing/cards/" + card + "/statement", CityTokens.insurer()).status()).isEqualTo(200);
        String other = BillingClient.newCardNumber();
        billing.call("PUT", "/billing/cards/" + other, CityTokens.admin(), Map.of("citizenId", ZHANG_WEI,
                "holderName", "Zhang Wei", "scheme", "EMPLOYEE", "insurer", "OTHER-FUND", "creditLimit", "100",
                "personalBalance", "0"), null);
        assertThat(billing.get("/billing/cards/" + other, CityTokens.insurer()).status()).isEqualTo(403);
    }

    @Test
    void aHospitalSeesAndBillsOnlyItsOwnVisits() {
        assertThat(billing.get("/billing/bills/" + bill, CityTokens.hospital("H001")).status()).isEqualTo(200);
        assertThat(billing.get("/billing/bills/" + bill, CityTokens.hospital("H002")).status()).isEqualTo(403);
        assertThat(billing.discharge("H002", visit).status()).isEqualTo(404);
        assertThat(billing.pay(CityTokens.hospital("H002"), bill, "30.00", card + "-k").status()).isEqualTo(403);
    }

    @Test
    void doctorsHaveNoBusinessWithBills() {
        assertThat(billing.get("/billing/bills/" + bill, CityTokens.doctor("dr.wang")).status()).isEqualTo(403);
    }

    @Test
    void onlyTheBureauRegistersCardsAndReadsTheWholeLedger() {
        assertThat(billing.call("PUT", "/billing/cards/" + BillingClient.newCardNumber(), CityTokens.hospital("H001"),
                Map.of("citizenId", ZHANG_WEI, "holderName", "x", "scheme", "EMPLOYEE", "insurer", "CITY-FUND",
                        "creditLimit", "1", "personalBalance", "0"), null).status()).isEqualTo(403);
        assertThat(billing.get("/billing/ledger/trial-balance", CityTokens.insurer()).status()).isEqualTo(403);
        assertThat(billing.get("/billing/ledger/trial-balance", CityTokens.admin()).status()).isEqualTo(200);
    }
}
