package org.onecity.billing.bill;

import org.onecity.billing.money.Money;
import org.onecity.billing.policy.Split;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** Final bills in PostgreSQL. */
@Repository
public class Bills {

    private static final String COLUMNS = """
            id, visit_id, card_number, hospital, insurer, policy, total_fen, outside_fen, class_b_self_fen,
            within_scope_fen, deductible_fen, coinsurance_fen, over_cap_fen, fund_fen, personal_account_fen,
            patient_fen, status, finalised_at, due_on, claim_status""";
    private static final RowMapper<Bill> ROW = (rs, n) -> new Bill(rs.getLong("id"), rs.getLong("visit_id"),
            rs.getString("card_number"), rs.getString("hospital"), rs.getString("insurer"),
            new Split(rs.getString("policy"), fen(rs.getLong("total_fen")), fen(rs.getLong("outside_fen")),
                    fen(rs.getLong("class_b_self_fen")), fen(rs.getLong("within_scope_fen")),
                    fen(rs.getLong("deductible_fen")), fen(rs.getLong("coinsurance_fen")),
                    fen(rs.getLong("over_cap_fen")), fen(rs.getLong("fund_fen")),
                    fen(rs.getLong("personal_account_fen")), fen(rs.getLong("patient_fen"))),
            BillStatus.valueOf(rs.getString("status")), rs.getTimestamp("finalised_at").toInstant(),
            rs.getDate("due_on").toLocalDate(), ClaimStatus.valueOf(rs.getString("claim_status")));

    private final JdbcClient jdbc;

    public Bills(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new final bill and answers its id. */
    public long add(Bill bill) {
        Split s = bill.split();
        return jdbc.sql("""
                        insert into bill (visit_id, card_number, hospital, insurer, policy, total_fen, outside_fen,
                            class_b_self_fen, within_scope_fen, deductible_fen, coinsurance_fen, over_cap_fen, fund_fen,
                            personal_account_fen, patient_fen, status, finalised_at, due_on)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(bill.visitId(), bill.cardNumber(), bill.hospital(), bill.insurer(), s.policy(), s.total().fen(),
                        s.outsideSelfPay().fen(), s.classBSelfPay().fen(), s.withinScope().fen(), s.deductible().fen(),
                        s.coinsurance().fen(), s.overCap().fen(), s.fund().fen(), s.personalAccount().fen(),
                        s.patient().fen(), bill.status().name(), Timestamp.from(bill.finalisedAt()), bill.dueOn())
                .query(Long.class).single();
    }

    public Optional<Bill> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from bill where id = ?").param(id).query(ROW).optional();
    }

    public Optional<Bill> ofVisit(long visitId) {
        return jdbc.sql("select " + COLUMNS + " from bill where visit_id = ?").param(visitId).query(ROW).optional();
    }

    /** The bill, its row locked until the caller's transaction ends: payments of one bill take turns. */
    public Optional<Bill> lock(long id) {
        return jdbc.sql("select " + COLUMNS + " from bill where id = ? for update").param(id).query(ROW).optional();
    }

    public List<Bill> ofCard(String cardNumber) {
        return jdbc.sql("select " + COLUMNS + " from bill where card_number = ? order by finalised_at, id")
                .param(cardNumber).query(ROW).list();
    }

    public void paid(long id) {
        jdbc.sql("update bill set status = 'PAID' where id = ?").param(id).update();
    }

    private static Money fen(long fen) {
        return Money.fen(fen);
    }
}
