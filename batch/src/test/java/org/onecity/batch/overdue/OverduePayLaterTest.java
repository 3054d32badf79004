package org.onecity.batch.overdue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.onecity.batch.support.BatchTest;
import org.onecity.batch.support.CityBills;
import org.onecity.batch.support.CityClient;
import org.onecity.common.test.CityTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An unpaid pay-later bill past its due date: a reminder, then the card's pay-later suspended, restored when paid. */
@BatchTest
class OverduePayLaterTest {

    @Autowired
    CityClient city;
    @Autowired
    CityBills bills;
    @Autowired
    JdbcClient db;

    @Test
    void anOverdueBillIsRemindedOnceThenSuspendsPayLaterUntilItIsPaid() {
        String card = bills.card("0");
        JsonNode bill = bills.billed("H003", card, """
                [{"chargeId":"%s","code":"250101001","quantity":4,"unitPrice":25}]""".formatted(CityBills.newCard()))
                .body();
        long id = bill.path("id").asLong();
        LocalDate today = LocalDate.now(CityBills.CITY);
        db.sql("update bill set due_on = ? where id = ?").params(today.minusDays(1), id).update();

        assertThat(run(today).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(notices(id)).isEqualTo(1);
        assertThat(standing(card)).as("reminded, not yet suspended").isEqualTo("ELIGIBLE");
        run(today.plusDays(1));
        assertThat(notices(id)).as("one reminder only").isEqualTo(1);

        run(today.plusDays(7));
        assertThat(standing(card)).isEqualTo("SUSPENDED");
        CityClient.Answer visit = city.billing("POST", "/billing/visits", CityTokens.hospital("H003"),
                Map.of("cardNumber", card, "kind", "OUTPATIENT", "hospitalVisitId", card + "-after"));
        assertThat(visit.body().path("payLater").asBoolean()).isFalse();
        assertThat(visit.text("refusal")).contains("suspended");

        CityClient.Answer paid = city.billing("POST", "/billing/bills/" + id + "/payments",
                CityTokens.hospital("H003"), Map.of("amount", bill.path("split").path("patient").asText(),
                        "channel", "cashier"), Map.of("Idempotency-Key", card + "-pay"));
        assertThat(paid.status()).as(paid.body().toString()).isEqualTo(201);
        assertThat(standing(card)).as("restored once the debt is paid").isEqualTo("ELIGIBLE");
        run(today.plusDays(8));
        assertThat(standing(card)).isEqualTo("ELIGIBLE");
    }

    private JsonNode run(LocalDate day) {
        return city.runJob(OverduePayLaterJob.NAME, Map.of("date", day.toString()));
    }

    private long notices(long bill) {
        return db.sql("select count(*) from pay_later_notice where bill_id = ? and kind = 'REMINDER'").param(bill)
                .query(Long.class).single();
    }

    private String standing(String card) {
        return db.sql("select pay_later from card_account where card_number = ?").param(card).query(String.class)
                .single();
    }
}
