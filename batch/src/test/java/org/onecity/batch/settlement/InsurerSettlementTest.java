package org.onecity.batch.settlement;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.onecity.batch.support.BatchTest;
import org.onecity.batch.support.CityBills;
import org.onecity.batch.support.CityClient;
import org.onecity.common.test.CityTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily settlement of real bills made through billing: the fund's shares become claims on the insurer, the
 * personal accounts are debited of what the bills held, the ledger books it, and the insurer's files say so.
 */
@BatchTest
class InsurerSettlementTest {

    @Autowired
    CityClient city;
    @Autowired
    CityBills bills;
    @Autowired
    JdbcClient db;

    @Test
    void todaysBillsAreSettledOnceWithTheirPersonalAccountsDebitedAndTheFilesAgreeingWithTheLedger() throws Exception {
        // two hospitals, one card with 1,000 yuan in its personal account, another with 30 yuan
        String rich = bills.card("1000");
        String poor = bills.card("30");
        String line = """
                [{"chargeId":"%s","code":"250101001","quantity":2,"unitPrice":25}]""";
        JsonNode first = bills.billed("H001", rich, line.formatted(CityBills.newCard())).body();
        JsonNode second = bills.billed("H002", rich, line.formatted(CityBills.newCard())).body();
        JsonNode third = bills.billed("H002", poor, line.formatted(CityBills.newCard())).body();
        assertThat(personal(rich)).as("balance and held before settlement")
                .containsExactly(100_000L, fen(first, "personalAccount") + fen(second, "personalAccount"));
        String period = LocalDate.now(CityBills.CITY).toString();

        JsonNode run = city.runJob(InsurerSettlementJob.NAME, Map.of("period", period));

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(run.path("progress").path("percent").asDouble()).isEqualTo(100.0);
        for (JsonNode bill : List.of(first, second, third)) {
            long id = bill.path("id").asLong();
            assertThat(db.sql("select claim_status from bill where id = ?").param(id).query(String.class).single())
                    .isEqualTo("SETTLED");
            assertThat(db.sql("select count(*) from settlement where bill_id = ?").param(id).query(Long.class).single())
                    .isEqualTo(1);
        }
        long richShare = fen(first, "personalAccount") + fen(second, "personalAccount");
        assertThat(personal(rich)).as("debited, nothing held").containsExactly(100_000L - richShare, 0L);
        assertThat(personal(poor)).containsExactly(3_000L - fen(third, "personalAccount"), 0L);
        JsonNode trial = city.billing("GET", "/billing/ledger/trial-balance", CityTokens.admin(), null).body();
        assertThat(trial.path("balanced").asBoolean()).isTrue();
        assertThat(ledgerBalance("personal-account:" + rich)).as("the ledger's personal account agrees with the card")
                .isEqualTo(100_000L - richShare);
        JsonNode claim = city.billing("GET", "/billing/fhir/ClaimResponse/" + first.path("id").asText(),
                CityTokens.admin(), null).body();
        assertThat(claim.path("outcome").asText()).isEqualTo("complete");

        Path folder = Path.of("target", "batch-files", "settlement", "CITY-FUND", period.replace("-", ""));
        List<String> detail = Files.readAllLines(folder.resolve("detail.tsv"));
        String settlementOfFirst = db.sql("select settlement_id from bill where id = ?").param(first.path("id").asLong())
                .query(String.class).single();
        assertThat(detail).anySatisfy(l -> assertThat(l.split("\t")).containsExactly(settlementOfFirst,
                "H001-" + db.sql("select hospital_visit_id from visit where id = ?")
                        .param(first.path("visitId").asLong()).query(String.class).single(),
                rich, first.path("split").path("total").asText(), first.path("split").path("fund").asText(),
                first.path("split").path("personalAccount").asText(), "0"));
        long fundInFiles = 0;
        long accountInFiles = 0;
        long countInFiles = 0;
        for (String record : Files.readAllLines(folder.resolve("totals.tsv"))) {
            String[] fields = record.split("\t");
            assertThat(fields).hasSize(8);
            assertThat(fields[0]).isEqualTo("310");
            assertThat(fields[2]).isEqualTo(period.replace("-", ""));
            fundInFiles += yuanToFen(fields[5]);
            accountInFiles += yuanToFen(fields[6]);
            countInFiles += Long.parseLong(fields[7]);
        }
        assertThat(countInFiles).isEqualTo(detail.size());
        LocalDate day = LocalDate.parse(period);
        assertThat(fundInFiles).as("fund in the files = fund claimed in the ledger").isEqualTo(db.sql("""
                select coalesce(sum(p.debit_fen), 0) from ledger_posting p join ledger_transaction t on t.id = p.transaction_id
                join settlement s on s.settlement_id = t.reference
                where t.kind = 'settlement' and p.account = 'fund-receivable:CITY-FUND' and s.period = ?""")
                .param(day).query(Long.class).single());
        assertThat(accountInFiles).as("accounts in the files = accounts debited in the ledger").isEqualTo(db.sql("""
                select coalesce(sum(p.debit_fen), 0) from ledger_posting p join ledger_transaction t on t.id = p.transaction_id
                join settlement s on s.settlement_id = t.reference
                where t.kind = 'settlement' and p.account like 'personal-account:%' and s.period = ?""")
                .param(day).query(Long.class).single());

        CityClient.Answer again = city.batch("POST", "/batch/jobs/" + InsurerSettlementJob.NAME + "/executions",
                CityTokens.admin(), Map.of("period", period));
        assertThat(again.status()).as("the same period again").isEqualTo(409);
        JsonNode rerun = city.runJob(InsurerSettlementJob.NAME, Map.of("period", period, "run", "2"));
        assertThat(rerun.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(personal(rich)).as("a second run debits nothing").containsExactly(100_000L - richShare, 0L);
        assertThat(db.sql("select count(*) from settlement where bill_id = ?").param(first.path("id").asLong())
                .query(Long.class).single()).isEqualTo(1);
    }

    private List<Long> personal(String card) {
        return db.sql("select personal_balance_fen, personal_held_fen from card_account where card_number = ?")
                .param(card).query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2))).single();
    }

    private long ledgerBalance(String account) {
        return db.sql("select coalesce(sum(credit_fen) - sum(debit_fen), 0) from ledger_posting where account = ?")
                .param(account).query(Long.class).single();
    }

    private static long fen(JsonNode bill, String share) {
        return yuanToFen(bill.path("split").path(share).asText());
    }

    private static long yuanToFen(String yuan) {
        return new java.math.BigDecimal(yuan).movePointRight(2).longValueExact();
    }
}
