package org.onecity.billing.journey;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.onecity.billing.support.BillingClient;
import org.onecity.billing.support.BillingClient.Answer;
import org.onecity.billing.support.BillingTest;
import org.onecity.common.test.CityTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Diagnose first, pay later, from the card to the receipt: Zhang Wei, an employee with 1,000 yuan in his personal
 * account, stays at City Central Hospital (level 3) without prepaying; every charge accumulates; at discharge the
 * bill is split by the employee policy of the year and he pays his share once.
 */
@BillingTest
class PayLaterJourneyTest {

    static final String ZHANG_WEI = "37020219510102001X";
    static final String STAY_CHARGES = """
            [{"chargeId":"%1$s-1","code":"311201001","quantity":1,"unitPrice":8000},
             {"chargeId":"%1$s-2","code":"110900001","quantity":10,"unitPrice":"200.00"},
             {"chargeId":"%1$s-3","code":"210300001","category":"CLASS_B","quantity":1,"unitPrice":2000},
             {"chargeId":"%1$s-4","code":"110900003","quantity":5,"unitPrice":100}]""";

    @Autowired
    BillingClient billing;
    @Autowired
    JdbcClient db;

    @Test
    void aStayIsTreatedWithoutPrepaymentBilledAtDischargeAndPaidOnce() {
        String card = BillingClient.newCardNumber();
        assertThat(billing.registerCard(card, ZHANG_WEI, "EMPLOYEE", "20000", "1000").status()).isEqualTo(201);

        Answer opened = billing.openVisit("H001", card, "INPATIENT", card + "-stay");
        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.body().path("payLater").asBoolean()).isTrue();
        long visit = opened.body().path("id").asLong();

        Answer charged = billing.charge("H001", visit, STAY_CHARGES.formatted(card));
        assertThat(charged.status()).as(charged.body().toString()).isEqualTo(201);
        assertThat(charged.body().path("visit").path("charged").asText()).isEqualTo("12500.00");
        Answer again = billing.charge("H001", visit, STAY_CHARGES.formatted(card));
        assertThat(again.status()).as("a repeated posting").isEqualTo(200);
        assertThat(again.body().path("repeated")).hasSize(4);
        assertThat(again.body().path("visit").path("charged").asText()).isEqualTo("12500.00");
        // a drug charged by mistake, then reversed
        assertThat(billing.charge("H001", visit, """
                [{"chargeId":"%1$s-5","code":"XJ01CA04","quantity":2,"unitPrice":15.5}]""".formatted(card)).status())
                .isEqualTo(201);
        String reversal = """
                [{"chargeId":"%1$s-6","reverses":"%1$s-5","quantity":2}]""".formatted(card);
        assertThat(billing.charge("H001", visit, reversal).status()).isEqualTo(201);
        assertThat(billing.charge("H001", visit, reversal).status()).as("the reversal repeated").isEqualTo(200);
        assertThat(billing.get("/billing/cards/" + card, CityTokens.admin()).text("exposure")).isEqualTo("12500.00");

        JsonNode pre = billing.preSettlement("H001", visit).body();
        assertThat(pre.path("fund").asText()).isEqualTo("9810.00");
        assertThat(pre.path("personalAccount").asText()).isEqualTo("1000.00");
        assertThat(pre.path("patient").asText()).isEqualTo("1690.00");

        Answer discharged = billing.discharge("H001", visit);
        assertThat(discharged.status()).isEqualTo(201);
        JsonNode bill = discharged.body();
        assertThat(bill.path("split")).isEqualTo(pre);
        assertThat(bill.path("status").asText()).isEqualTo("UNPAID");
        assertThat(bill.path("dueOn").asText())
                .isEqualTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30).toString());
        assertThat(billing.discharge("H001", visit).body().path("id")).as("discharging again").isEqualTo(bill.path("id"));
        Answer late = billing.charge("H001", visit, """
                [{"chargeId":"%1$s-7","code":"250101001","quantity":1,"unitPrice":25}]""".formatted(card));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body().path("type").asText()).endsWith("/visit-closed");

        long billId = bill.path("id").asLong();
        String patient = BillingClient.patientToken("zhang.wei");
        Answer paid = billing.pay(patient, billId, "1690.00", card + "-pay");
        assertThat(paid.status()).isEqualTo(201);
        String receipt = paid.text("receiptNumber");
        assertThat(receipt).startsWith("R");
        Answer retried = billing.pay(patient, billId, "1690.00", card + "-pay");
        assertThat(retried.status()).as("the same payment retried").isEqualTo(200);
        assertThat(retried.text("receiptNumber")).isEqualTo(receipt);
        Answer otherAmount = billing.pay(patient, billId, "1.00", card + "-pay");
        assertThat(otherAmount.status()).as("the same key for another amount").isEqualTo(422);
        assertThat(otherAmount.body().path("detail").asText()).contains("amount 1690.00, not 1.00");
        Answer second = billing.pay(patient, billId, "1690.00", card + "-pay-again");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.body().path("detail").asText()).contains(receipt);

        JsonNode statement = billing.get("/billing/cards/" + card + "/statement", patient).body();
        assertThat(statement.path("owed").asText()).isEqualTo("0.00");
        // the personal account's 1,000 yuan are held for the bill until the insurer's settlement debits them
        assertThat(statement.path("personalBalance").asText()).isEqualTo("1000.00");
        assertThat(statement.path("bills").get(0).path("status").asText()).isEqualTo("PAID");
        assertThat(statement.path("payments")).hasSize(1);
        JsonNode after = statement.path("card");
        assertThat(after.path("exposure").asText()).isEqualTo("0.00");
        assertThat(after.path("personalBalance").asText()).isEqualTo("1000.00");
        assertThat(after.path("personalHeld").asText()).isEqualTo("1000.00");
        assertThat(after.path("year").path("fundUsed").asText()).isEqualTo("9810.00");
        assertThat(after.path("year").path("admissions").asInt()).isEqualTo(1);

        JsonNode trial = billing.get("/billing/ledger/trial-balance", CityTokens.admin()).body();
        assertThat(trial.path("balanced").asBoolean()).isTrue();
        assertThat(db.sql("select count(*) from access_log where card_number = ? and who = 'zhang.wei'").param(card)
                .query(Long.class).single()).as("the holder's reads are on record").isEqualTo(1);
    }

    @Test
    void aCardWithAnOverdueBillFallsBackToOrdinaryPaymentWithTheReason() {
        String card = BillingClient.newCardNumber();
        billing.registerCard(card, ZHANG_WEI, "EMPLOYEE", "20000", "0");
        long visit = billing.openVisit("H002", card, "OUTPATIENT", card + "-v1").body().path("id").asLong();
        billing.charge("H002", visit, """
                [{"chargeId":"%s-1","code":"110200001","quantity":1,"unitPrice":50}]""".formatted(card));
        long bill = billing.discharge("H002", visit).body().path("id").asLong();
        db.sql("update bill set due_on = current_date - 1 where id = ?").param(bill).update();

        Answer next = billing.openVisit("H002", card, "OUTPATIENT", card + "-v2");

        assertThat(next.status()).isEqualTo(201);
        assertThat(next.body().path("payLater").asBoolean()).isFalse();
        assertThat(next.text("refusal")).contains("past its due date");
    }

    @Test
    void aCancelledCardFallsBackToOrdinaryPaymentWithTheReason() {
        String card = BillingClient.newCardNumber();
        billing.registerCard(card, ZHANG_WEI, "RESIDENT", "5000", "0");
        assertThat(billing.call("PUT", "/billing/cards/" + card + "/status", CityTokens.admin(),
                java.util.Map.of("status", "CANCELLED"), null).status()).isEqualTo(200);

        Answer visit = billing.openVisit("H003", card, "OUTPATIENT", card + "-v");

        assertThat(visit.body().path("payLater").asBoolean()).isFalse();
        assertThat(visit.text("refusal")).contains("not active");
    }

    @Test
    void aCardThatHasUsedItsCreditLimitFallsBackToOrdinaryPayment() {
        String card = BillingClient.newCardNumber();
        billing.registerCard(card, ZHANG_WEI, "RESIDENT", "100", "0");
        long first = billing.openVisit("H003", card, "OUTPATIENT", card + "-v1").body().path("id").asLong();
        assertThat(billing.charge("H003", first, """
                [{"chargeId":"%s-1","code":"220500001","quantity":1,"unitPrice":100}]""".formatted(card)).status())
                .isEqualTo(201);

        Answer second = billing.openVisit("H003", card, "OUTPATIENT", card + "-v2");

        assertThat(second.body().path("payLater").asBoolean()).isFalse();
        assertThat(second.text("refusal")).contains("credit limit");
        // an ordinary-payment visit still records its charges, outside the credit limit
        assertThat(billing.charge("H003", second.body().path("id").asLong(), """
                [{"chargeId":"%s-2","code":"220500001","quantity":1,"unitPrice":100}]""".formatted(card)).status())
                .isEqualTo(201);
    }
}
