package org.onecity.billing.visit;

import org.onecity.billing.money.Money;
import org.onecity.billing.policy.InsuranceCategory;
import org.onecity.billing.policy.VisitKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Visits and their charges in PostgreSQL. */
@Repository
public class Visits {

    private static final String COLUMNS =
            "id, hospital, hospital_visit_id, card_number, kind, pay_later, refusal, status, opened_at, charged_fen";
    private static final RowMapper<Visit> ROW = (rs, n) -> new Visit(rs.getLong("id"), rs.getString("hospital"),
            rs.getString("hospital_visit_id"), rs.getString("card_number"), VisitKind.valueOf(rs.getString("kind")),
            rs.getBoolean("pay_later"), rs.getString("refusal"), VisitStatus.valueOf(rs.getString("status")),
            rs.getTimestamp("opened_at").toInstant(), Money.fen(rs.getLong("charged_fen")));
    private static final RowMapper<Charge> CHARGE = (rs, n) -> new Charge(rs.getString("charge_id"),
            rs.getString("code"), InsuranceCategory.valueOf(rs.getString("category")), rs.getInt("quantity"),
            Money.fen(rs.getLong("unit_price_fen")), rs.getString("reverses"));

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public Visits(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Opens the visit unless the hospital opened it already; answers the visit either way. */
    public Visit open(String hospital, String hospitalVisitId, String cardNumber, VisitKind kind, boolean payLater,
                      String refusal, Instant at) {
        jdbc.sql("""
                        insert into visit (hospital, hospital_visit_id, card_number, kind, pay_later, refusal, status, opened_at)
                        values (?, ?, ?, ?, ?, ?, 'OPEN', ?) on conflict (hospital, hospital_visit_id) do nothing""")
                .params(hospital, hospitalVisitId, cardNumber, kind.name(), payLater, refusal, Timestamp.from(at))
                .update();
        return byHospitalId(hospital, hospitalVisitId).orElseThrow();
    }

    public Optional<Visit> byHospitalId(String hospital, String hospitalVisitId) {
        return jdbc.sql("select " + COLUMNS + " from visit where hospital = ? and hospital_visit_id = ?")
                .params(hospital, hospitalVisitId).query(ROW).optional();
    }

    public Optional<Visit> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from visit where id = ?").param(id).query(ROW).optional();
    }

    /** The card's visits still running, oldest first. */
    public List<Visit> openOfCard(String cardNumber) {
        return jdbc.sql("select " + COLUMNS + " from visit where card_number = ? and status = ? order by opened_at, id")
                .params(cardNumber, VisitStatus.OPEN.name()).query(ROW).list();
    }

    /** The visit, its row locked until the caller's transaction ends. */
    public Optional<Visit> lock(long id) {
        return jdbc.sql("select " + COLUMNS + " from visit where id = ? for update").param(id).query(ROW).optional();
    }

    /** The visit's charges by charge id, in the order they were posted. */
    public Map<String, Charge> charges(long visitId) {
        Map<String, Charge> charges = new LinkedHashMap<>();
        jdbc.sql("select charge_id, code, category, quantity, unit_price_fen, reverses from charge "
                        + "where visit_id = ? order by id")
                .param(visitId).query(CHARGE).list().forEach(c -> charges.put(c.chargeId(), c));
        return charges;
    }

    /** The charges these ids name at the hospital, on whichever visit they were posted. */
    public Map<String, PostedCharge> posted(String hospital, List<String> chargeIds) {
        Map<String, PostedCharge> posted = new LinkedHashMap<>();
        jdbc.sql("select visit_id, charge_id, code, category, quantity, unit_price_fen, reverses from charge "
                        + "where hospital = ? and charge_id = any (?)")
                .params(hospital, chargeIds.toArray(String[]::new))
                .query((rs, n) -> new PostedCharge(rs.getLong("visit_id"), CHARGE.mapRow(rs, n)))
                .list().forEach(p -> posted.put(p.charge().chargeId(), p));
        return posted;
    }

    public record PostedCharge(long visitId, Charge charge) {
    }

    /** A charge as stored: where and when it was posted. */
    public record ChargeLine(long id, long visitId, String hospital, String hospitalVisitId, String cardNumber,
                             Charge charge, Instant postedAt) {
    }

    private static final String LINE = """
            select c.id, c.visit_id, c.hospital, v.hospital_visit_id, v.card_number, c.charge_id, c.code, c.category,
                   c.quantity, c.unit_price_fen, c.reverses, c.posted_at
            from charge c join visit v on v.id = c.visit_id""";
    private static final RowMapper<ChargeLine> LINE_ROW = (rs, n) -> new ChargeLine(rs.getLong("id"),
            rs.getLong("visit_id"), rs.getString("hospital"), rs.getString("hospital_visit_id"),
            rs.getString("card_number"), CHARGE.mapRow(rs, n), rs.getTimestamp("posted_at").toInstant());

    public Optional<ChargeLine> line(long id) {
        return jdbc.sql(LINE + " where c.id = ?").param(id).query(LINE_ROW).optional();
    }

    /** The charge a hospital posted under its charge id. */
    public Optional<ChargeLine> line(String hospital, String chargeId) {
        return jdbc.sql(LINE + " where c.hospital = ? and c.charge_id = ?").params(hospital, chargeId)
                .query(LINE_ROW).optional();
    }

    public List<ChargeLine> linesOfCard(String cardNumber) {
        return jdbc.sql(LINE + " where v.card_number = ? order by c.id").param(cardNumber).query(LINE_ROW).list();
    }

    public List<ChargeLine> linesOfVisit(long visitId) {
        return jdbc.sql(LINE + " where c.visit_id = ? order by c.id").param(visitId).query(LINE_ROW).list();
    }

    public void add(Visit visit, List<Charge> charges, Instant at) {
        List<Object[]> rows = new ArrayList<>(charges.size());
        Money added = Money.ZERO;
        for (Charge charge : charges) {
            rows.add(new Object[] {visit.id(), visit.hospital(), charge.chargeId(), charge.code(),
                    charge.category().name(), charge.quantity(), charge.unitPrice().fen(), charge.amount().fen(),
                    charge.reverses(), Timestamp.from(at)});
            added = added.plus(charge.amount());
        }
        template.batchUpdate("""
                insert into charge (visit_id, hospital, charge_id, code, category, quantity, unit_price_fen, amount_fen,
                                    reverses, posted_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        jdbc.sql("update visit set charged_fen = charged_fen + ? where id = ?").params(added.fen(), visit.id()).update();
    }

    public void discharged(long visitId) {
        jdbc.sql("update visit set status = 'DISCHARGED' where id = ?").param(visitId).update();
    }
}
