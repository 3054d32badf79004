package org.onecity.batch.overdue;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Pay-later bills left unpaid past their due date, as of a city calendar day: each gets one reminder; a card whose
 * reminded bill is still unpaid when the grace period has passed since the reminder has its pay-later suspended; a
 * suspended card whose overdue debt is all paid is restored (billing also restores it at the payment itself).
 */
@Repository
public class OverdueBills {

    private final JdbcClient jdbc;

    public OverdueBills(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long overdue(LocalDate day) {
        return jdbc.sql("select count(*) from bill where status = 'UNPAID' and due_on < ?").param(day)
                .query(Long.class).single();
    }

    /** One reminder per overdue bill; answers how many were new. */
    public int remind(LocalDate day, Instant at, long jobExecutionId) {
        return jdbc.sql("""
                        insert into pay_later_notice (bill_id, kind, card_number, at, job_execution_id)
                        select id, 'REMINDER', card_number, ?, ? from bill where status = 'UNPAID' and due_on < ?
                        on conflict (bill_id, kind) do nothing""")
                .params(Timestamp.from(at), jobExecutionId, day).update();
    }

    /** Suspends the cards of bills still unpaid since a reminder sent at or before {@code remindedBy}. */
    public int suspend(Instant remindedBy, Instant at, long jobExecutionId) {
        jdbc.sql("""
                        insert into pay_later_notice (bill_id, kind, card_number, at, job_execution_id)
                        select b.id, 'SUSPENSION', b.card_number, ?, ? from bill b
                        join pay_later_notice r on r.bill_id = b.id and r.kind = 'REMINDER'
                        where b.status = 'UNPAID' and r.at <= ?
                        on conflict (bill_id, kind) do nothing""")
                .params(Timestamp.from(at), jobExecutionId, Timestamp.from(remindedBy)).update();
        return jdbc.sql("""
                        update card_account c set pay_later = 'SUSPENDED'
                        where pay_later = 'ELIGIBLE' and exists (
                            select 1 from bill b join pay_later_notice r on r.bill_id = b.id and r.kind = 'REMINDER'
                            where b.card_number = c.card_number and b.status = 'UNPAID' and r.at <= ?)""")
                .param(Timestamp.from(remindedBy)).update();
    }

    /** Restores suspended cards with no unpaid overdue bill left; answers how many. */
    public int restore(LocalDate day) {
        return jdbc.sql("""
                        update card_account c set pay_later = 'ELIGIBLE'
                        where pay_later = 'SUSPENDED' and not exists (
                            select 1 from bill b where b.card_number = c.card_number and b.status = 'UNPAID'
                            and b.due_on < ?)""")
                .param(day).update();
    }
}
