package org.onecity.imaging.access;

import org.onecity.common.audit.AccessLogOutbox;
import org.onecity.common.audit.RelayedAccess;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.security.CityPrincipal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Every read of patient data in the imaging service, recorded with who read what, so the patient can see it. The
 * entries are relayed to the city record's access log, the one list a person reads; until it has them, they wait here.
 */
@Repository
public class AccessLog implements AccessLogOutbox {

    private static final String PREFIX = "imaging-";

    private final JdbcTemplate jdbc;

    public AccessLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void read(CityPrincipal who, String action, Collection<String> studyUids, String detail) {
        insert(who.subject(), who.role().claim(), who.hospital(), action, studyUids, detail,
                ImagingAccess.currentBreakGlassReason());
    }

    /** A read by a DICOM peer (C-FIND, C-MOVE), identified by its AE title and hospital. */
    public void readByPeer(String aeTitle, String hospital, String action, Collection<String> studyUids, String detail) {
        insert(aeTitle, "dicom-peer", hospital, action, studyUids, detail, null);
    }

    /** One row per study read; one without a study when nothing was found. */
    private void insert(String who, String role, String hospital, String action, Collection<String> studyUids,
                        String detail, String breakGlassReason) {
        List<String> studies = studyUids.isEmpty() ? Collections.singletonList(null) : studyUids.stream().distinct().toList();
        jdbc.batchUpdate("insert into access_log (who, role, hospital, action, study_uid, detail, break_glass_reason) "
                        + "values (?, ?, ?, ?, ?, ?, ?)",
                studies.stream().map(uid -> new Object[] {who, role, hospital, action, uid, detail, breakGlassReason}).toList());
    }

    /** Reads of a study not yet in the city record, with the identifiers the study's patient is known by. */
    @Override
    public List<RelayedAccess> pending(int max) {
        return jdbc.query("""
                select a.id, a.at, a.who, a.role, a.hospital, a.action, a.study_uid, a.detail, a.break_glass_reason,
                       p.citizen_id, p.insurance_card, p.record_system, p.patient_id
                from access_log a
                left join study s on s.study_uid = a.study_uid
                left join patient p on p.id = s.patient
                where a.relayed_at is null and a.study_uid is not null
                order by a.id limit ?""", (rs, i) -> relayed(rs), max);
    }

    @Override
    public void relayed(List<String> eventIds) {
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("update access_log set relayed_at = now() where id = any(?)");
            Array ids = connection.createArrayOf("bigint",
                    eventIds.stream().map(id -> Long.parseLong(id.substring(PREFIX.length()))).toArray());
            statement.setArray(1, ids);
            return statement;
        });
    }

    private static RelayedAccess relayed(ResultSet rs) throws SQLException {
        List<RelayedAccess.PersonIdentifier> person = new ArrayList<>();
        if (rs.getString("citizen_id") != null) {
            person.add(new RelayedAccess.PersonIdentifier(CityIdentifiers.CITIZEN_ID, rs.getString("citizen_id")));
        }
        if (rs.getString("insurance_card") != null) {
            person.add(new RelayedAccess.PersonIdentifier(CityIdentifiers.INSURANCE_CARD, rs.getString("insurance_card")));
        }
        if (rs.getString("record_system") != null) {
            person.add(new RelayedAccess.PersonIdentifier(rs.getString("record_system"), rs.getString("patient_id")));
        }
        String role = rs.getString("role");
        String breakGlass = rs.getString("break_glass_reason");
        return new RelayedAccess(PREFIX + rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("who"), null,
                role, rs.getString("hospital"), 'R', 0, purposeOf(role, breakGlass), breakGlass,
                rs.getString("action") + " study " + rs.getString("study_uid")
                        + (rs.getString("detail") == null ? "" : " (" + rs.getString("detail") + ")"),
                person);
    }

    private static String purposeOf(String role, String breakGlass) {
        if (breakGlass != null) {
            return "BTG";
        }
        return switch (role) {
            case "doctor" -> "TREAT";
            case "patient" -> "PATRQT";
            default -> "HOPERAT";
        };
    }
}
