package org.onecity.fhir.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;

/**
 * The access log in PostgreSQL (schema {@code onecity}), append-only. Writes go through the caller's transaction
 * when there is one, so that a write and its audit entry commit together or not at all.
 */
public class AuditTrail {

    private static final String INSERT = """
            insert into onecity.audit_event (recorded, action, subtype, outcome, outcome_text, agent_subject, agent_name,
              agent_role, agent_organization, agent_client, agent_address, purpose_of_use, break_glass_reason,
              person_system, person_value, patient_refs, what, request_id, source, source_event)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (source_event) where source_event is not null do nothing""";

    private static final RowMapper<AuditRecord> ROW = (rs, i) -> new AuditRecord(
            rs.getLong("id"), rs.getTimestamp("recorded").toInstant(), rs.getString("action").charAt(0),
            rs.getString("subtype"), rs.getInt("outcome"), rs.getString("outcome_text"), rs.getString("agent_subject"),
            rs.getString("agent_name"), rs.getString("agent_role"), rs.getString("agent_organization"),
            rs.getString("agent_client"), rs.getString("agent_address"), rs.getString("purpose_of_use"),
            rs.getString("break_glass_reason"), rs.getString("person_system"), rs.getString("person_value"),
            rs.getString("patient_refs") == null ? List.of() : Arrays.asList(rs.getString("patient_refs").split(",")),
            rs.getString("what"), rs.getString("request_id"), rs.getString("source"), rs.getString("source_event"));

    private final JdbcTemplate jdbc;

    public AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void append(List<AuditRecord> records) {
        jdbc.batchUpdate(INSERT, records, records.size(), (statement, r) -> {
            statement.setTimestamp(1, Timestamp.from(r.recorded()));
            statement.setString(2, String.valueOf(r.action()));
            statement.setString(3, r.subtype());
            statement.setInt(4, r.outcome());
            statement.setString(5, truncate(r.outcomeText(), 1000));
            statement.setString(6, truncate(r.agentSubject(), 200));
            statement.setString(7, truncate(r.agentName(), 200));
            statement.setString(8, r.agentRole());
            statement.setString(9, r.agentOrganization());
            statement.setString(10, r.agentClient());
            statement.setString(11, r.agentAddress());
            statement.setString(12, r.purposeOfUse());
            statement.setString(13, truncate(r.breakGlassReason(), 1000));
            statement.setString(14, r.personSystem());
            statement.setString(15, r.personValue());
            statement.setString(16, r.patientRefs().isEmpty() ? null : truncate(String.join(",", r.patientRefs()), 2000));
            statement.setString(17, truncate(r.what(), 4000));
            statement.setString(18, r.requestId());
            statement.setString(19, r.source());
            statement.setString(20, r.sourceEvent());
        });
    }

    /** A person's access log, newest first, a page at a time. */
    public List<AuditRecord> forPerson(String system, String value, int offset, int limit) {
        return jdbc.query("select * from onecity.audit_event where person_system = ? and person_value = ? "
                + "order by recorded desc, id desc offset ? limit ?", ROW, system, value, offset, limit);
    }

    public int countForPerson(String system, String value) {
        return jdbc.queryForObject("select count(*) from onecity.audit_event where person_system = ? and person_value = ?",
                Integer.class, system, value);
    }

    /** The whole log, newest first, a page at a time, for the bureau. */
    public List<AuditRecord> latest(int offset, int limit) {
        return jdbc.query("select * from onecity.audit_event order by recorded desc, id desc offset ? limit ?", ROW,
                offset, limit);
    }

    public int count() {
        return jdbc.queryForObject("select count(*) from onecity.audit_event", Integer.class);
    }

    public AuditRecord byId(long id) {
        return jdbc.query("select * from onecity.audit_event where id = ?", ROW, id).stream().findFirst().orElse(null);
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
