package org.onecity.billing.journey;

import org.junit.jupiter.api.Test;
import org.onecity.billing.support.BillingClient;
import org.onecity.billing.support.BillingClient.Answer;
import org.onecity.billing.support.BillingTest;
import org.onecity.common.test.CityTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Money under contention, against the real PostgreSQL: one bill is paid once, a credit limit holds. */
@BillingTest
class ConcurrencyTest {

    @Autowired
    BillingClient billing;
    @Autowired
    JdbcClient db;

    @Test
    void fiftyConcurrentPaymentAttemptsOnOneBillCaptureOnce() throws Exception {
        String card = BillingClient.newCardNumber();
        billing.registerCard(card, BillingClient.citizenId(2), "RESIDENT", "5000", "0");
        long visit = billing.openVisit("H002", card, "OUTPATIENT", card + "-v").body().path("id").asLong();
        billing.charge("H002", visit, """
                [{"chargeId":"%s-1","code":"110200002","quantity":1,"unitPrice":"88.80"}]""".formatted(card));
        long bill = billing.discharge("H002", visit).body().path("id").asLong();
        String due = billing.get("/billing/bills/" + bill, CityTokens.admin()).body().path("split").path("patient").asText();
        String cashier = CityTokens.hospital("H002");

        // ten keys, each tried five times at once: retries and different attempts mixed
        List<Answer> answers = all(50, i -> billing.pay(cashier, bill, due, card + "-key-" + (i % 10)));

        long created = answers.stream().filter(a -> a.status() == 201).count();
        assertThat(created).isEqualTo(1);
        String receipt = answers.stream().filter(a -> a.status() == 201).findFirst().orElseThrow().text("receiptNumber");
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.status()).isIn(200, 201, 409);
            if (a.status() == 200) {
                assertThat(a.text("receiptNumber")).as("a retry of the winning attempt").isEqualTo(receipt);
            }
        });
        assertThat(count("select count(*) from payment where bill_id = ? and status = 'CAPTURED'", bill)).isEqualTo(1);
        assertThat(count("select count(*) from ledger_transaction t join payment p on t.reference = p.id::text "
                + "where t.kind = 'payment' and p.bill_id = ?", bill)).isEqualTo(1);
        assertThat(billing.get("/billing/cards/" + card, CityTokens.admin()).text("exposure")).isEqualTo("0.00");
    }

    @Test
    void concurrentChargesNearTheCreditLimitNeverExceedIt() throws Exception {
        String card = BillingClient.newCardNumber();
        billing.registerCard(card, BillingClient.citizenId(3), "EMPLOYEE", "1000", "0");
        List<Long> visits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            visits.add(billing.openVisit("H00" + (i % 2 + 1), card, "OUTPATIENT", card + "-v" + i).body().path("id").asLong());
        }

        // 24 charges of 100 yuan on four visits at once, against a limit of 1,000 yuan
        List<Answer> answers = all(24, i -> billing.charge("H00" + (i % 4 % 2 + 1), visits.get(i % 4), """
                [{"chargeId":"%s-c%d","code":"220500001","quantity":1,"unitPrice":100}]""".formatted(card, i)));

        assertThat(answers.stream().filter(a -> a.status() == 201).count()).isEqualTo(10);
        assertThat(answers.stream().filter(a -> a.status() == 422))
                .hasSize(14)
                .allSatisfy(a -> assertThat(a.text("type")).endsWith("/credit-limit-exceeded"));
        assertThat(billing.get("/billing/cards/" + card, CityTokens.admin()).text("exposure")).isEqualTo("1000.00");
        assertThat(count("select coalesce(sum(charged_fen), 0) from visit where card_number = ?", card))
                .isEqualTo(100_000);
    }

    private long count(String sql, Object param) {
        return db.sql(sql).param(param).query(Long.class).single();
    }

    private interface Attempt {
        Answer run(int i);
    }

    /** Runs every attempt at the same moment, each on its own thread. */
    private static List<Answer> all(int n, Attempt attempt) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Answer> task = () -> {
                    start.await();
                    return attempt.run(index);
                };
                futures.add(threads.submit(task));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }
}
