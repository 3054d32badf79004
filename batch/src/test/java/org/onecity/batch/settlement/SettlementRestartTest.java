package org.onecity.batch.settlement;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.onecity.batch.support.BatchTest;
import org.onecity.batch.support.CityBills;
import org.onecity.batch.support.CityClient;
import org.onecity.common.test.CityTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A settlement that fails mid-way keeps its committed chunks and, restarted, settles the rest: each bill once. */
@BatchTest
class SettlementRestartTest {

    static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    @Autowired
    CityClient city;
    @Autowired
    CityBills bills;
    @Autowired
    JdbcClient db;

    @Test
    void aSettlementFailingMidwayGoesOnFromItsLastCommittedChunkWhenRestarted() {
        String tag = bills.seed(1_200, DAY, List.of("H003"));
        // a card in the third chunk (bills 1,001 to 1,200) whose held amount was lost: its debit breaks a rule
        String broken = tag + "105";
        db.sql("update card_account set personal_held_fen = 0 where card_number = ?").param(broken).update();

        JsonNode failed = city.runJob(InsurerSettlementJob.NAME, Map.of("period", DAY.toString()));

        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(settled(tag)).as("two chunks of 500 committed before the failure").isEqualTo(1_000);
        assertThat(failed.path("progress").path("written").asLong()).isEqualTo(1_000);

        db.sql("update card_account set personal_held_fen = 20000 where card_number = ?").param(broken).update();
        CityClient.Answer restart = city.batch("POST", "/batch/executions/" + failed.path("id").asLong() + "/restart",
                CityTokens.admin(), null);
        assertThat(restart.status()).isEqualTo(202);
        JsonNode done = city.awaitEnd(restart.body().path("id").asLong());

        assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.path("progress").path("written").asLong()).as("only the rest").isEqualTo(200);
        assertThat(settled(tag)).isEqualTo(1_200);
        assertThat(db.sql("select count(*) from settlement s join bill b on b.id = s.bill_id where b.card_number like ?")
                .param(tag + "%").query(Long.class).single()).isEqualTo(1_200);
        assertThat(db.sql("""
                        select count(*), coalesce(sum(p.debit_fen), 0) from ledger_posting p
                        join ledger_transaction t on t.id = p.transaction_id and t.kind = 'settlement'
                        join settlement s on s.settlement_id = t.reference
                        where s.period = ? and p.account = 'fund-receivable:CITY-FUND'""").param(DAY)
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2))).single())
                .as("one claim per bill, 70.00 yuan each").containsExactly(1_200L, 1_200L * 7_000);
        assertThat(db.sql("select count(*) from card_account where card_number like ? and personal_held_fen <> 0")
                .param(tag + "%").query(Long.class).single()).isZero();
    }

    private long settled(String tag) {
        return db.sql("select count(*) from bill where card_number like ? and claim_status = 'SETTLED'")
                .param(tag + "%").query(Long.class).single();
    }
}
