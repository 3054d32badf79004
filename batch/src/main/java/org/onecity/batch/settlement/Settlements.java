package org.onecity.batch.settlement;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/** The period's bills as settlement sees them, and the settlements made. */
@Repository
public class Settlements {

    static final RowMapper<Settlement> ROW = (rs, n) -> new Settlement(rs.getString("settlement_id"),
            rs.getLong("bill_id"), rs.getDate("period").toLocalDate(), rs.getString("insurer"),
            rs.getString("hospital"), rs.getString("insurance_type"), rs.getString("clearing_type"),
            rs.getString("visit_id"), rs.getString("person_number"), rs.getString("person_number"),
            rs.getLong("total_fen"), rs.getLong("fund_fen"), rs.getLong("account_fen"), rs.getBoolean("refund"));

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public Settlements(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** The hospitals with bills of the period still to settle: one partition each. */
    public List<String> hospitalsToSettle(SettlementPeriod period) {
        return jdbc.sql("""
                        select distinct hospital from bill
                        where claim_status = 'UNSETTLED' and finalised_at >= ? and finalised_at < ? order by hospital""")
                .params(Timestamp.from(period.start()), Timestamp.from(period.end())).query(String.class).list();
    }

    public long countToSettle(SettlementPeriod period) {
        return jdbc.sql("select count(*) from bill where claim_status = 'UNSETTLED' and finalised_at >= ? and finalised_at < ?")
                .params(Timestamp.from(period.start()), Timestamp.from(period.end())).query(Long.class).single();
    }

    public List<String> insurersOf(LocalDate period) {
        return jdbc.sql("select distinct insurer from settlement where period = ? order by insurer").param(period)
                .query(String.class).list();
    }

    /** The totals records of an insurer's settlement, by insurance type and clearing type. */
    public List<SettlementTotals> totals(String insurer, LocalDate period) {
        return jdbc.sql("""
                        select insurance_type, clearing_type, sum(total_fen) as total, sum(fund_fen) as fund,
                            sum(account_fen) as account, count(*) as settlements
                        from settlement where insurer = ? and period = ?
                        group by insurance_type, clearing_type order by insurance_type, clearing_type""")
                .params(insurer, period)
                .query((rs, n) -> new SettlementTotals(rs.getString("insurance_type"), rs.getString("clearing_type"),
                        period, period, rs.getLong("total"), rs.getLong("fund"), rs.getLong("account"),
                        rs.getLong("settlements")))
                .list();
    }

    /** An insurer's settlements of one day and hospital, summed. */
    public record HospitalTotals(LocalDate period, String hospital, long settlements, long totalFen, long fundFen,
                                 long accountFen) {
    }

    /** The insurer's settlements per day and hospital, for the days from {@code first} to {@code last}, newest first. */
    public List<HospitalTotals> byHospital(String insurer, LocalDate first, LocalDate last) {
        return jdbc.sql("""
                        select period, hospital, count(*) as settlements, sum(total_fen) as total, sum(fund_fen) as fund,
                            sum(account_fen) as account
                        from settlement where insurer = ? and period between ? and ?
                        group by period, hospital order by period desc, hospital""")
                .params(insurer, first, last)
                .query((rs, n) -> new HospitalTotals(rs.getDate("period").toLocalDate(), rs.getString("hospital"),
                        rs.getLong("settlements"), rs.getLong("total"), rs.getLong("fund"), rs.getLong("account")))
                .list();
    }

    /** Every settlement of the insurer's period, in settlement id order, without holding them all in memory. */
    public void each(String insurer, LocalDate period, Consumer<Settlement> action) {
        // 1,000 rows at a time when called in a transaction (PostgreSQL keeps a cursor only inside one)
        template.query(connection -> {
            var statement = connection.prepareStatement(
                    "select * from settlement where insurer = ? and period = ? order by settlement_id");
            statement.setFetchSize(1000);
            statement.setString(1, insurer);
            statement.setObject(2, period);
            return statement;
        }, rs -> {
            action.accept(ROW.mapRow(rs, 0));
        });
    }

    /**
     * Brings the planner's statistics up to date after a day's settlement (tens of thousands of new rows): the
     * checks against the ledger join on them, and on stale statistics PostgreSQL plans nested loops over every row.
     */
    public void refreshStatistics() {
        jdbc.sql("analyze settlement, ledger_transaction, ledger_posting").update();
    }

    /** What billing's ledger booked for the insurer's settlements of the period: fund claimed, accounts debited. */
    public LedgerSums ledgerSums(String insurer, LocalDate period) {
        return jdbc.sql("""
                        select coalesce(sum(p.debit_fen) filter (where p.account = 'fund-receivable:' || s.insurer), 0) as fund,
                               coalesce(sum(p.debit_fen) filter (where p.account like 'personal-account:%'), 0) as account
                        from settlement s
                        join ledger_transaction t on t.kind = 'settlement' and t.reference = s.settlement_id
                        join ledger_posting p on p.transaction_id = t.id
                        where s.insurer = ? and s.period = ?""")
                .params(insurer, period).query((rs, n) -> new LedgerSums(rs.getLong("fund"), rs.getLong("account")))
                .single();
    }

    public record LedgerSums(long fundFen, long accountFen) {
    }
}
