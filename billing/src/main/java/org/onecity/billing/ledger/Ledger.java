package org.onecity.billing.ledger;

import org.onecity.billing.money.Money;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's store: transactions are only ever added (the database refuses updates and deletes, and checks at
 * commit that every transaction balances). Booking the same business event twice books it once.
 */
@Repository
public class Ledger {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public Ledger(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Books the transaction in the caller's database transaction; false when its event was booked already. */
    public boolean book(LedgerTransaction transaction, Instant at) {
        List<Long> id = jdbc.sql("""
                        insert into ledger_transaction (kind, reference, booked_at) values (?, ?, ?)
                        on conflict (kind, reference) do nothing returning id""")
                .params(transaction.kind(), transaction.reference(), Timestamp.from(at)).query(Long.class).list();
        if (id.isEmpty()) {
            return false;
        }
        List<Object[]> rows = new ArrayList<>();
        for (Posting posting : transaction.postings()) {
            rows.add(new Object[] {id.get(0), rows.size() + 1, posting.account().toString(), posting.debit().fen(),
                    posting.credit().fen()});
        }
        template.batchUpdate("insert into ledger_posting (transaction_id, line, account, debit_fen, credit_fen) "
                + "values (?, ?, ?, ?, ?)", rows);
        return true;
    }

    public TrialBalance trialBalance() {
        return new TrialBalance(jdbc.sql("""
                        select account, sum(debit_fen) as debits, sum(credit_fen) as credits
                        from ledger_posting group by account order by account""")
                .query((rs, n) -> new TrialBalance.Line(rs.getString("account"), Money.fen(rs.getLong("debits")),
                        Money.fen(rs.getLong("credits"))))
                .list());
    }

    /** Every posting to the accounts of one card, oldest first. */
    public List<StatementLine> postingsOfCard(String card) {
        return jdbc.sql("""
                        select t.booked_at, t.kind, t.reference, p.account, p.debit_fen, p.credit_fen
                        from ledger_posting p join ledger_transaction t on t.id = p.transaction_id
                        where p.account in (?, ?) order by t.booked_at, t.id, p.line""")
                .params(LedgerAccount.patientReceivable(card).toString(), LedgerAccount.personalAccount(card).toString())
                .query((rs, n) -> new StatementLine(rs.getTimestamp("booked_at").toInstant(), rs.getString("kind"),
                        rs.getString("reference"), rs.getString("account"), Money.fen(rs.getLong("debit_fen")),
                        Money.fen(rs.getLong("credit_fen"))))
                .list();
    }
}
