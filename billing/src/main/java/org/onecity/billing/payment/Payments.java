package org.onecity.billing.payment;

import org.onecity.billing.money.Money;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Payment attempts in PostgreSQL; the database allows one captured payment per bill. */
@Repository
public class Payments {

    private static final String COLUMNS = "id, bill_id, idempotency_key, amount_fen, channel, status, "
            + "channel_reference, decline_reason, receipt_number, paid_by, created_at";
    private static final RowMapper<Payment> ROW = (rs, n) -> new Payment(rs.getLong("id"), rs.getLong("bill_id"),
            rs.getString("idempotency_key"), Money.fen(rs.getLong("amount_fen")), rs.getString("channel"),
            "CAPTURED".equals(rs.getString("status")), rs.getString("channel_reference"),
            rs.getString("decline_reason"), rs.getString("receipt_number"), rs.getString("paid_by"),
            rs.getTimestamp("created_at").toInstant());

    private final JdbcClient jdbc;

    public Payments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Payment> byKey(String idempotencyKey) {
        return jdbc.sql("select " + COLUMNS + " from payment where idempotency_key = ?").param(idempotencyKey)
                .query(ROW).optional();
    }

    public Optional<Payment> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from payment where id = ?").param(id).query(ROW).optional();
    }

    public Optional<Payment> capturedFor(long billId) {
        return jdbc.sql("select " + COLUMNS + " from payment where bill_id = ? and status = 'CAPTURED'").param(billId)
                .query(ROW).optional();
    }

    public List<Payment> ofBills(List<Long> billIds) {
        return jdbc.sql("select " + COLUMNS + " from payment where bill_id = any (?) order by id")
                .param(billIds.toArray(Long[]::new)).query(ROW).list();
    }

    /** Records the attempt; a captured one gets the next receipt number. */
    public Payment add(long billId, String key, Money amount, String channel, PaymentChannel.Capture capture,
                       String paidBy, Instant at) {
        long id = jdbc.sql("select nextval('payment_id_seq')").query(Long.class).single();
        String receipt = capture.captured() ? "R%d-%08d".formatted(at.atZone(java.time.ZoneOffset.UTC).getYear(), id) : null;
        Payment payment = new Payment(id, billId, key, amount, channel, capture.captured(), capture.reference(),
                capture.declineReason(), receipt, paidBy, at);
        jdbc.sql("""
                        insert into payment (id, bill_id, idempotency_key, amount_fen, channel, status, channel_reference,
                                             decline_reason, receipt_number, paid_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, billId, key, amount.fen(), channel, capture.captured() ? "CAPTURED" : "DECLINED",
                        capture.reference(), capture.declineReason(), receipt, paidBy, Timestamp.from(at))
                .update();
        return payment;
    }
}
