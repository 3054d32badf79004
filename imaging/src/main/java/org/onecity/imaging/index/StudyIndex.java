package org.onecity.imaging.index;

import org.onecity.imaging.dicom.DicomStatus;
import org.onecity.imaging.dicom.InstanceAttributes;
import org.onecity.imaging.dicom.Refused;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The index of stored instances in PostgreSQL: patient, study, series and instance rows, written in one transaction
 * per instance together with the study's entry in the mirror outbox.
 */
@Repository
public class StudyIndex {

    static final RowMapper<StoredInstance> STORED = (rs, n) -> new StoredInstance(
            rs.getString("study_uid"), rs.getString("series_uid"), rs.getString("sop_instance_uid"),
            rs.getString("sop_class_uid"), rs.getString("transfer_syntax"), rs.getString("object_key"),
            rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("hospital"),
            (Integer) rs.getObject("frames"), (Integer) rs.getObject("rows"), (Integer) rs.getObject("columns"));

    static final String STORED_SELECT = """
            select st.study_uid, se.series_uid, i.sop_instance_uid, i.sop_class_uid, i.transfer_syntax, i.object_key,
                   i.size_bytes, i.sha256, st.hospital, i.frames, i.rows, i.columns
              from instance i join series se on se.id = i.series join study st on st.id = se.study
            """;

    private final JdbcTemplate jdbc;

    public StudyIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StoredInstance> instance(String sopInstanceUid) {
        return jdbc.query(STORED_SELECT + " where i.sop_instance_uid = ?", STORED, sopInstanceUid).stream().findFirst();
    }

    /** What a stored instance's content is known by: its object's digest, and its data set's (null if stored before). */
    public record StoredContent(String sha256, String dataSetSha256) {

        /** Whether a received object is the same data: its data set, or for older rows its whole object, alike. */
        public boolean sameAs(String receivedSha256, String receivedDataSetSha256) {
            return dataSetSha256 == null ? sha256.equals(receivedSha256) : dataSetSha256.equals(receivedDataSetSha256);
        }
    }

    public Optional<StoredContent> content(String sopInstanceUid) {
        return jdbc.query("select sha256, dataset_sha256 from instance where sop_instance_uid = ?",
                (rs, n) -> new StoredContent(rs.getString(1), rs.getString(2)), sopInstanceUid).stream().findFirst();
    }

    /** Every object key the index refers to among the given ones (for the sweep of unindexed objects). */
    public List<String> indexedKeys(List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        String[] candidates = keys.toArray(String[]::new);
        return jdbc.queryForList("""
                select object_key from instance where object_key = any (?)
                union all select pixel_object_key from instance where pixel_object_key = any (?)""", String.class,
                candidates, candidates);
    }

    /**
     * Records a stored instance. A new SOP Instance UID adds a row; an existing one has its row pointed at the new
     * object (the caller decided the replacement). Returns the object keys the row pointed at before (the object,
     * and its inflated copy if it had one); empty for a new instance.
     */
    @Transactional
    public List<String> record(IndexEntry entry) {
        InstanceAttributes a = entry.attributes();
        PatientRow patient = patient(entry);
        long study = study(entry, patient.id());
        Series series = series(a, study);
        List<String> previous = jdbc.query(
                "select object_key, pixel_object_key from instance where sop_instance_uid = ? for update",
                (rs, n) -> java.util.stream.Stream.of(rs.getString(1), rs.getString(2)).filter(Objects::nonNull).toList(),
                a.sopInstanceUid()).stream().findFirst().orElse(List.of());
        if (!previous.isEmpty()) {
            jdbc.update("""
                    update instance set series = ?, sop_class_uid = ?, instance_number = ?, transfer_syntax = ?, rows = ?,
                           columns = ?, frames = ?, object_key = ?, size_bytes = ?, sha256 = ?, received_from = ?,
                           stored_at = now(), metadata = ?, pixel_offset = ?, pixel_length = ?, fragments = ?,
                           dataset_sha256 = ?, pixel_object_key = ?
                     where sop_instance_uid = ?""",
                    series.id(), a.sopClassUid(), a.instanceNumber(), a.transferSyntax(), a.rows(), a.columns(), a.frames(),
                    entry.objectKey(), entry.size(), entry.sha256(), entry.receivedFrom(), entry.metadata(),
                    pixelOffset(entry), pixelLength(entry), fragments(entry), entry.dataSetSha256(),
                    entry.pixelObjectKey(), a.sopInstanceUid());
        } else {
            jdbc.update("""
                    insert into instance (sop_instance_uid, series, sop_class_uid, instance_number, transfer_syntax, rows,
                                          columns, frames, object_key, size_bytes, sha256, received_from, metadata,
                                          pixel_offset, pixel_length, fragments, dataset_sha256, pixel_object_key)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    a.sopInstanceUid(), series.id(), a.sopClassUid(), a.instanceNumber(), a.transferSyntax(), a.rows(),
                    a.columns(), a.frames(), entry.objectKey(), entry.size(), entry.sha256(), entry.receivedFrom(),
                    entry.metadata(), pixelOffset(entry), pixelLength(entry), fragments(entry), entry.dataSetSha256(),
                    entry.pixelObjectKey());
            // counted as they come (the study row is locked above), so a large study costs the same per instance
            jdbc.update("update series set instance_count = instance_count + 1 where id = ?", series.id());
            jdbc.update("""
                    update study set instance_count = instance_count + 1, series_count = series_count + ?,
                           modalities = case when ?::text is null or ?::text = any (modalities) then modalities
                                             else array(select distinct m from unnest(modalities || ?::text) m order by 1) end,
                           updated_at = now()
                     where id = ?""", series.isNew() ? 1 : 0, a.modality(), a.modality(), a.modality(), study);
        }
        mirrorLater(a.studyUid(), entry.sendingHospital(), patient.recordSystem(), patient.patientId());
        return previous;
    }

    /**
     * Notes a changed study for the mirror, in the transaction of the change; a pending attempt starts afresh. A study
     * of a patient kept apart (no record system) is not mirrored: it would name nobody's record.
     */
    public void mirrorLater(String studyUid, String hospital, String recordSystem, String patientId) {
        if (recordSystem == null) {
            return;
        }
        jdbc.update("""
                insert into mirror_outbox (study_uid, hospital, record_system, patient_id) values (?, ?, ?, ?)
                on conflict (study_uid) do update set changed_at = now(), next_attempt_at = now(), attempts = 0""",
                studyUid, hospital, recordSystem, patientId);
    }

    /**
     * Removes a study from the index and notes it for the mirror; returns the object keys its instances had, to be
     * removed from the object store once this has committed.
     */
    @Transactional
    public List<String> deleteStudy(String studyUid) {
        var study = jdbc.query("""
                select st.id, st.hospital, p.record_system, p.patient_id from study st join patient p on p.id = st.patient
                 where st.study_uid = ? for update of st""", (rs, n) -> new Object[] {rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getString(4)}, studyUid).stream().findFirst();
        if (study.isEmpty()) {
            return List.of();
        }
        long id = (Long) study.get()[0];
        List<String> keys = jdbc.queryForList("""
                select k from instance i join series se on se.id = i.series,
                       unnest(array[i.object_key, i.pixel_object_key]) k
                 where se.study = ? and k is not null""", String.class, id);
        jdbc.update("delete from instance i using series se where se.id = i.series and se.study = ?", id);
        jdbc.update("delete from series where study = ?", id);
        jdbc.update("delete from study where id = ?", id);
        mirrorLater(studyUid, (String) study.get()[1], (String) study.get()[2], (String) study.get()[3]);
        return keys;
    }

    private static Long pixelOffset(IndexEntry entry) {
        return entry.pixelData() == null ? null : entry.pixelData().valueOffset();
    }

    private static Long pixelLength(IndexEntry entry) {
        return entry.pixelData() == null ? null : entry.pixelData().length();
    }

    private static Long[] fragments(IndexEntry entry) {
        if (entry.pixelData() == null || !entry.pixelData().encapsulated()) {
            return null;
        }
        return entry.pixelData().fragments().stream()
                .flatMap(f -> java.util.stream.Stream.of(f[0], f[1])).toArray(Long[]::new);
    }

    /**
     * The patient row of the instance's identity, made on first sight; a patient kept apart whom the bureau has since
     * said to be a hospital's patient is that patient.
     */
    private record PatientRow(long id, String recordSystem, String patientId) {
    }

    private PatientRow patient(IndexEntry entry) {
        InstanceAttributes a = entry.attributes();
        var identity = entry.patient();
        jdbc.update("""
                insert into patient (identity_key, issuer, patient_id, hospital, record_system, kept_apart, name,
                                     birth_date, sex)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (identity_key) do nothing""",
                identity.key(), identity.issuer(), identity.patientId(), identity.hospital(), identity.recordSystem(),
                identity.keptApart() == null ? null : identity.keptApart().name(), a.patientName(), a.birthDate(), a.sex());
        var recorded = jdbc.queryForMap("""
                select coalesce(l.id, p.id) as id, coalesce(l.name, p.name) as name,
                       coalesce(l.birth_date, p.birth_date) as birth_date, coalesce(l.sex, p.sex) as sex,
                       coalesce(l.record_system, p.record_system) as record_system,
                       coalesce(l.patient_id, p.patient_id) as patient_id
                  from patient p left join patient l on l.id = p.linked_to
                 where p.identity_key = ? for update of p""", identity.key());
        long id = ((Number) recorded.get("id")).longValue();
        difference(id, "PatientName", (String) recorded.get("name"), a.patientName(), a.sopInstanceUid());
        difference(id, "PatientBirthDate", (String) recorded.get("birth_date"), a.birthDate(), a.sopInstanceUid());
        difference(id, "PatientSex", (String) recorded.get("sex"), a.sex(), a.sopInstanceUid());
        return new PatientRow(id, (String) recorded.get("record_system"), (String) recorded.get("patient_id"));
    }

    /** Demographics that differ from the first recorded are kept beside them, for people to look at. */
    private void difference(long patient, String attribute, String recorded, String received, String sopInstanceUid) {
        if (received != null && !Objects.equals(recorded, received)) {
            jdbc.update("""
                    insert into demographic_difference (patient, attribute, recorded, received, sop_instance_uid)
                    values (?, ?, ?, ?, ?)""", patient, attribute, recorded, received, sopInstanceUid);
        }
    }

    private long study(IndexEntry entry, long patient) {
        InstanceAttributes a = entry.attributes();
        jdbc.update("""
                insert into study (study_uid, patient, hospital, study_date, study_time, accession_number, study_id,
                                   description, referring_physician)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (study_uid) do nothing""",
                a.studyUid(), patient, entry.sendingHospital(), a.studyDate() == null ? null : Date.valueOf(a.studyDate()),
                a.studyTime(), a.accessionNumber(), a.studyId(), a.studyDescription(), a.referringPhysician());
        var study = jdbc.queryForMap("select id, patient from study where study_uid = ? for update", a.studyUid());
        if (((Number) study.get("patient")).longValue() != patient) {
            throw new Refused(DicomStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                    "Study already stored for another patient (Patient ID or issuer differs)");
        }
        return ((Number) study.get("id")).longValue();
    }

    private record Series(long id, boolean isNew) {
    }

    private Series series(InstanceAttributes a, long study) {
        int inserted = jdbc.update("""
                insert into series (series_uid, study, modality, series_number, description, body_part)
                values (?, ?, ?, ?, ?, ?) on conflict (series_uid) do nothing""",
                a.seriesUid(), study, a.modality(), a.seriesNumber(), a.seriesDescription(), a.bodyPart());
        var series = jdbc.queryForMap("select id, study from series where series_uid = ?", a.seriesUid());
        if (((Number) series.get("study")).longValue() != study) {
            throw new Refused(DicomStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, "Series already stored in another study");
        }
        return new Series(((Number) series.get("id")).longValue(), inserted == 1);
    }

}
