package org.onecity.batch.reconciliation;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reconciliations, the statements' lines as received, the discrepancies found, and the claims they mark. */
@Repository
public class Reconciliations {

    private static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public Reconciliations(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public record Outcome(long id, int lines, int matched, int discrepancies, boolean totalsAgree) {
    }

    /** The finished reconciliation of this very statement, if it was reconciled before. */
    public Optional<Outcome> completed(String insurer, LocalDate period, String sha256) {
        return jdbc.sql("""
                        select id, lines, matched, discrepancies, totals_agree from reconciliation
                        where insurer = ? and period = ? and statement_sha256 = ? and completed_at is not null""")
                .params(insurer, period, sha256)
                .query((rs, n) -> new Outcome(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getBoolean(5)))
                .optional();
    }

    public long start(String insurer, LocalDate period, String sha256, long jobExecutionId) {
        // a statement whose earlier run failed before the end starts over: that run's rows went with its transaction
        return jdbc.sql("""
                        insert into reconciliation (insurer, period, statement_sha256, job_execution_id)
                        values (?, ?, ?, ?) returning id""")
                .params(insurer, period, sha256, jobExecutionId).query(Long.class).single();
    }

    public void addLines(long reconciliation, List<StatementLine> lines) {
        for (int from = 0; from < lines.size(); from += BATCH) {
            List<Object[]> rows = new ArrayList<>();
            for (StatementLine l : lines.subList(from, Math.min(lines.size(), from + BATCH))) {
                rows.add(new Object[] {reconciliation, l.lineNumber(), l.settlementId(), l.visitId(), l.personNumber(),
                        l.totalFen(), l.fundFen(), l.accountFen(), l.refund()});
            }
            template.batchUpdate("""
                    insert into statement_line (reconciliation_id, line_number, settlement_id, visit_id, person_number,
                        total_fen, fund_fen, account_fen, refund) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        }
    }

    public void addDiscrepancies(long reconciliation, List<Discrepancy> discrepancies) {
        template.batchUpdate("""
                        insert into discrepancy (reconciliation_id, settlement_id, kind, line_number, detail)
                        values (?, ?, ?, ?, ?)""",
                discrepancies.stream().map(d -> new Object[] {reconciliation, d.settlementId(), d.kind().name(),
                        d.lineNumber(), d.detail()}).toList());
    }

    /** Marks the insurer's claims of the period: reconciled where the statement agrees, disputed where it does not. */
    public void markClaims(long reconciliation, String insurer, LocalDate period) {
        jdbc.sql("""
                        update bill b set claim_status = case when d.settlement_id is null then 'RECONCILED'
                                                              else 'DISPUTED' end
                        from settlement s
                        left join discrepancy d on d.reconciliation_id = ? and d.settlement_id = s.settlement_id
                        where s.insurer = ? and s.period = ? and b.id = s.bill_id""")
                .params(reconciliation, insurer, period).update();
    }

    public void complete(Outcome outcome, Instant at) {
        jdbc.sql("""
                        update reconciliation set lines = ?, matched = ?, discrepancies = ?, totals_agree = ?,
                            completed_at = ? where id = ?""")
                .params(outcome.lines(), outcome.matched(), outcome.discrepancies(), outcome.totalsAgree(),
                        Timestamp.from(at), outcome.id())
                .update();
    }
}
