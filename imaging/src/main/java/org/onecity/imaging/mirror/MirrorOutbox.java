package org.onecity.imaging.mirror;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The studies waiting to be mirrored, and what the index says about each now. A delivery is claimed (so two
 * instances of the service do not both send it), then either completed — unless the study changed meanwhile, in
 * which case it stays for another round — or put off with a growing delay.
 */
@Repository
public class MirrorOutbox {

    private static final Duration CLAIM = Duration.ofMinutes(2);

    /** A study due for delivery, with the moment of the change it will deliver. */
    public record Due(String studyUid, String hospital, String recordSystem, String patientId, Timestamp changedAt,
                      int attempts) {
    }

    private final JdbcTemplate jdbc;

    public MirrorOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Studies quiet for at least {@code settle} and due now, claimed for a while. */
    public List<Due> claim(Duration settle, int limit) {
        return jdbc.query("""
                update mirror_outbox set next_attempt_at = now() + make_interval(secs => ?)
                 where study_uid in (select study_uid from mirror_outbox
                                      where next_attempt_at <= now() and changed_at <= now() - make_interval(secs => ?)
                                      order by changed_at limit ? for update skip locked)
                returning study_uid, hospital, record_system, patient_id, changed_at, attempts""",
                (rs, n) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5), rs.getInt(6)),
                CLAIM.toSeconds(), settle.toMillis() / 1000.0, limit);
    }

    /** Delivered: the entry goes, unless the study changed again since it was claimed. */
    public void delivered(Due due) {
        jdbc.update("delete from mirror_outbox where study_uid = ? and changed_at = ?", due.studyUid(), due.changedAt());
    }

    /** Not taken: tried again after 2, 4, 8... seconds, up to the longest delay. */
    public void failed(Due due, String error, Duration longestDelay) {
        long delay = Math.min(longestDelay.toSeconds(), 1L << Math.min(due.attempts() + 1, 16));
        jdbc.update("""
                update mirror_outbox set attempts = attempts + 1, last_error = ?,
                       next_attempt_at = now() + make_interval(secs => ?)
                 where study_uid = ? and changed_at = ?""", error, delay, due.studyUid(), due.changedAt());
    }

    /** A delivery that has failed at least once and waits for its next attempt. */
    public record Failing(String studyUid, String hospital, Instant changedAt, int attempts, String lastError,
                          Instant nextAttemptAt) {
    }

    /** How far behind the mirror is: the studies waiting, since when the oldest waits, and those failing. */
    public record Backlog(int pending, Instant oldestWaitingSince, int failing, List<Failing> oldestFailing) {
    }

    /** The backlog, with the {@code limit} longest-waiting failing deliveries. */
    public Backlog backlog(int limit) {
        return jdbc.query("select count(*), min(changed_at), count(*) filter (where attempts > 0) from mirror_outbox",
                rs -> {
                    rs.next();
                    return new Backlog(rs.getInt(1), instant(rs.getTimestamp(2)), rs.getInt(3), jdbc.query("""
                            select study_uid, hospital, changed_at, attempts, last_error, next_attempt_at
                              from mirror_outbox where attempts > 0 order by changed_at, study_uid limit ?""",
                            (row, n) -> new Failing(row.getString(1), row.getString(2), instant(row.getTimestamp(3)),
                                    row.getInt(4), row.getString(5), instant(row.getTimestamp(6))), limit));
                });
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    public int pending() {
        Integer count = jdbc.queryForObject("select count(*) from mirror_outbox", Integer.class);
        return count == null ? 0 : count;
    }

    /** The study as it is now, or a deleted one when it is gone from the index. */
    public StudySnapshot snapshot(Due due) {
        Optional<StudySnapshot> study = jdbc.query("""
                select st.id, st.study_date, st.study_time, st.accession_number, st.description, st.modalities,
                       st.series_count, st.instance_count
                  from study st where st.study_uid = ?""", (rs, n) -> {
            long id = rs.getLong(1);
            var date = rs.getDate(2);
            return new StudySnapshot(due.studyUid(), due.hospital(), due.recordSystem(), due.patientId(), false,
                    date == null ? null : date.toLocalDate(), rs.getString(3), rs.getString(4), rs.getString(5),
                    Arrays.asList((String[]) rs.getArray(6).getArray()), rs.getInt(7), rs.getInt(8), series(id));
        }, due.studyUid()).stream().findFirst();
        return study.orElseGet(() -> StudySnapshot.deleted(due.studyUid(), due.hospital(), due.recordSystem(),
                due.patientId()));
    }

    private List<StudySnapshot.Series> series(long study) {
        return jdbc.query("""
                select series_uid, series_number, modality, description, instance_count from series where study = ?
                 order by series_number nulls last, id""", (rs, n) -> new StudySnapshot.Series(rs.getString(1),
                (Integer) rs.getObject(2), rs.getString(3), rs.getString(4), rs.getInt(5)), study);
    }
}
