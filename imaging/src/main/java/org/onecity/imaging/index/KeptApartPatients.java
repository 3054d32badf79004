package org.onecity.imaging.index;

import org.onecity.imaging.source.DicomSources.PatientIdentity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The patients kept apart (an issuer no hospital registered, no Patient ID) and their studies, which the bureau
 * looks at and says whose they are. Linking one makes its studies a hospital patient's and mirrors them; the objects
 * stay as they came.
 */
@Repository
public class KeptApartPatients {

    public record Study(String studyUid, String date, String description, List<String> modalities, int instances) {
    }

    public record Patient(long id, String reason, String sender, String issuer, String patientId, String name,
                          String birthDate, String sex, List<Study> studies) {
    }

    private final JdbcTemplate jdbc;
    private final StudyIndex index;

    public KeptApartPatients(JdbcTemplate jdbc, StudyIndex index) {
        this.jdbc = jdbc;
        this.index = index;
    }

    /** Those not yet linked, oldest first. */
    public List<Patient> awaiting(int limit) {
        return jdbc.query("""
                select id, kept_apart, hospital, issuer, patient_id, name, birth_date, sex from patient
                 where kept_apart is not null and linked_to is null order by id limit ?""",
                (rs, n) -> new Patient(rs.getLong("id"), rs.getString("kept_apart"), rs.getString("hospital"),
                        rs.getString("issuer"), rs.getString("patient_id"), rs.getString("name"),
                        rs.getString("birth_date"), rs.getString("sex"), studies(rs.getLong("id"))), limit);
    }

    public Optional<Patient> awaiting(long id) {
        return awaiting(Integer.MAX_VALUE).stream().filter(p -> p.id() == id).findFirst();
    }

    private List<Study> studies(long patient) {
        return jdbc.query("""
                select study_uid, study_date, description, modalities, instance_count from study where patient = ?
                 order by study_date nulls last, study_uid""",
                (rs, n) -> new Study(rs.getString(1), rs.getString(2), rs.getString(3), strings(rs.getArray(4)),
                        rs.getInt(5)), patient);
    }

    /**
     * Makes the patient kept apart the given hospital patient: its studies move to that patient (made if the index
     * has not seen it yet) and are noted for the mirror, and what arrives later under the same identity follows.
     *
     * @return the studies moved; empty when the patient is not (or no longer) awaiting a link
     */
    @Transactional
    public Optional<List<String>> link(long keptApart, PatientIdentity hospitalPatient) {
        var apart = jdbc.query("""
                select name, birth_date, sex from patient where id = ? and kept_apart is not null and linked_to is null
                   for update""", (rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, keptApart)
                .stream().findFirst();
        if (apart.isEmpty()) {
            return Optional.empty();
        }
        jdbc.update("""
                insert into patient (identity_key, issuer, patient_id, hospital, record_system, name, birth_date, sex)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (identity_key) do nothing""",
                hospitalPatient.key(), hospitalPatient.issuer(), hospitalPatient.patientId(), hospitalPatient.hospital(),
                hospitalPatient.recordSystem(), apart.get()[0], apart.get()[1], apart.get()[2]);
        long target = jdbc.queryForObject("select id from patient where identity_key = ?", Long.class,
                hospitalPatient.key());
        jdbc.update("update patient set linked_to = ? where id = ?", target, keptApart);
        var moved = jdbc.query("update study set patient = ?, updated_at = now() where patient = ? "
                        + "returning study_uid, hospital", (rs, n) -> new String[] {rs.getString(1), rs.getString(2)},
                target, keptApart);
        moved.forEach(study -> index.mirrorLater(study[0], study[1], hospitalPatient.recordSystem(),
                hospitalPatient.patientId()));
        return Optional.of(moved.stream().map(study -> study[0]).toList());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
