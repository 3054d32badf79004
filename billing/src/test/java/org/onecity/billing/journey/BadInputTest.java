package org.onecity.billing.journey;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onecity.billing.support.BillingClient;
import org.onecity.billing.support.BillingClient.Answer;
import org.onecity.billing.support.BillingTest;
import org.onecity.common.test.CityTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad input is answered 4xx with problem+json naming the problem, and changes nothing. */
@BillingTest
class BadInputTest {

    @Autowired
    BillingClient billing;
    @Autowired
    JdbcClient db;

    String card;
    long visit;

    @BeforeEach
    void anOpenVisitWithOneCharge() {
        card = BillingClient.newCardNumber();
        billing.registerCard(card, BillingClient.citizenId(1), "RESIDENT", "5000", "0");
        visit = billing.openVisit("H003", card, "OUTPATIENT", card + "-v").body().path("id").asLong();
        assertThat(billing.charge("H003", visit, line("1", "250101001", "1", "25")).status()).isEqualTo(201);
    }

    @Test
    void anUnknownCardIsNotFound() {
        refused(billing.openVisit("H003", "SIC-NOBODY", "OUTPATIENT", card + "-x"), 404, "unknown-card");
    }

    @Test
    void aZeroOrNegativeQuantityIsRefused() {
        refused(billing.charge("H003", visit, line("2", "250101001", "0", "25")), 422, "quantity-not-positive");
        refused(billing.charge("H003", visit, line("2", "250101001", "-1", "25")), 422, "quantity-not-positive");
        refused(billing.charge("H003", visit, line("2", "250101001", "1.5", "25")), 400, "unreadable-body");
    }

    @Test
    void anUnknownCatalogueCodeIsRefused() {
        refused(billing.charge("H003", visit, line("2", "999999999", "1", "25")), 422, "unknown-catalogue-code");
    }

    @Test
    void aCategoryTheCatalogueDisagreesWithIsRefused() {
        refused(billing.charge("H003", visit, """
                [{"chargeId":"%s-2","code":"250101001","category":"OUTSIDE","quantity":1,"unitPrice":25}]"""
                .formatted(card)), 422, "category-disagrees");
    }

    @Test
    void anAmountWithMoreThanTwoDecimalsIsRefused() {
        Answer answer = billing.charge("H003", visit, line("2", "250101001", "1", "25.005"));
        refused(answer, 400, "unreadable-body");
        assertThat(answer.text("detail")).contains("at most two decimals");
    }

    @Test
    void aRepeatedChargeIdWithDifferentContentIsAConflict() {
        refused(billing.charge("H003", visit, line("1", "250101001", "2", "25")), 409, "charge-id-reused");
    }

    @Test
    void aPostingWithOneBadLineStoresNoneOfItsLines() {
        String lines = """
                [{"chargeId":"%1$s-2","code":"250101001","quantity":1,"unitPrice":25},
                 {"chargeId":"%1$s-3","code":"999999999","quantity":1,"unitPrice":25}]""".formatted(card);
        refused(billing.charge("H003", visit, lines), 422, "unknown-catalogue-code");
    }

    @Test
    void aDischargedVisitTakesNoMoreCharges() {
        billing.discharge("H003", visit);
        refused(billing.charge("H003", visit, line("2", "250101001", "1", "25")), 409, "visit-closed");
    }

    @Test
    void anotherHospitalsVisitIsNotFound() {
        refused(billing.charge("H001", visit, line("2", "250101001", "1", "25")), 404, "unknown-visit");
    }

    @Test
    void aReversalOfMoreThanWasChargedIsRefused() {
        refused(billing.charge("H003", visit, """
                [{"chargeId":"%1$s-2","reverses":"%1$s-1","quantity":2}]""".formatted(card)), 422,
                "reversal-exceeds-charge");
    }

    @Test
    void unreadableJsonIsABadRequest() {
        refused(billing.callRaw("POST", "/billing/visits/" + visit + "/charges", CityTokens.hospital("H003"),
                "{\"lines\": [", null), 400, "unreadable-body");
    }

    @Test
    void aPaymentOfAnotherAmountOrWithoutKeyIsRefused() {
        long bill = billing.discharge("H003", visit).body().path("id").asLong();
        String cashier = CityTokens.hospital("H003");
        refused(billing.pay(cashier, bill, "1.00", card + "-p"), 422, "amount-not-due");
        refused(billing.pay(cashier, bill, "25.00", null), 400, "header-missing");
        assertThat(db.sql("select count(*) from payment where bill_id = ?").param(bill).query(Long.class).single())
                .isZero();
    }

    private void refused(Answer answer, int status, String problem) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.text("type")).endsWith("/" + problem);
        assertThat(answer.text("detail")).isNotBlank();
        assertThat(db.sql("select count(*) from charge where visit_id = ?").param(visit).query(Long.class).single())
                .as("the visit's charges are as they were").isEqualTo(1);
        assertThat(db.sql("select charged_fen from visit where id = ?").param(visit).query(Long.class).single())
                .isEqualTo(2_500);
    }

    private String line(String id, String code, String quantity, String price) {
        return "[{\"chargeId\":\"%s-%s\",\"code\":\"%s\",\"quantity\":%s,\"unitPrice\":%s}]"
                .formatted(card, id, code, quantity, price);
    }
}
