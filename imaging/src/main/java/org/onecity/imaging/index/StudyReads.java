package org.onecity.imaging.index;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads of stored studies for retrieval: which instances a study, series or instance URL names, their metadata
 * ready as DICOM JSON, and where an instance's frames lie.
 */
@Repository
public class StudyReads {

    private final JdbcTemplate jdbc;

    public StudyReads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The hospital a study was stored by; empty when there is no such study. */
    public Optional<String> hospitalOf(String studyUid) {
        return jdbc.query("select hospital from study where study_uid = ?", (rs, n) -> rs.getString(1), studyUid)
                .stream().findFirst();
    }

    /** The hospital each of these studies was stored by; studies that do not exist are left out. */
    public Map<String, String> hospitalsOf(Collection<String> studyUids) {
        Map<String, String> hospitals = new HashMap<>();
        if (!studyUids.isEmpty()) {
            jdbc.query("select study_uid, hospital from study where study_uid = any(?)",
                    (RowCallbackHandler) rs -> hospitals.put(rs.getString(1), rs.getString(2)),
                    (Object) studyUids.toArray(String[]::new));
        }
        return hospitals;
    }

    /** Instances of a study, narrowed to a series and an instance when given, in series and instance order. */
    public List<StoredInstance> instances(String studyUid, String seriesUid, String sopInstanceUid) {
        List<Object> args = new ArrayList<>(List.of(studyUid));
        String where = where(seriesUid, sopInstanceUid, args);
        return jdbc.query(StudyIndex.STORED_SELECT + where + " order by se.series_number nulls last, se.id,"
                + " i.instance_number nulls last, i.id", StudyIndex.STORED, args.toArray());
    }

    /** Writes the metadata of the named instances as one DICOM JSON array, straight from the stored texts. */
    public int writeMetadata(String studyUid, String seriesUid, String sopInstanceUid, Writer out) {
        List<Object> args = new ArrayList<>(List.of(studyUid));
        String where = where(seriesUid, sopInstanceUid, args);
        int[] count = {0};
        try {
            out.write('[');
            jdbc.query("select i.metadata from instance i join series se on se.id = i.series"
                    + " join study st on st.id = se.study" + where
                    + " order by se.series_number nulls last, se.id, i.instance_number nulls last, i.id", rs -> {
                try {
                    if (count[0]++ > 0) {
                        out.write(',');
                    }
                    out.write(rs.getString(1));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, args.toArray());
            out.write(']');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count[0];
    }

    /** Where an instance's pixel data lies in its object. */
    /**
     * Where an instance's pixel data lies: the object holding it (the object itself, or a deflated object's inflated
     * copy), the value's offset and length, or the fragments' when encapsulated.
     */
    public record PixelLayout(String objectKey, long offset, long length, long[] fragments) {
        public boolean encapsulated() {
            return length < 0;
        }
    }

    public Optional<PixelLayout> pixelLayout(String sopInstanceUid) {
        return jdbc.query("select pixel_offset, pixel_length, fragments, coalesce(pixel_object_key, object_key)"
                + " from instance where sop_instance_uid = ? and pixel_offset is not null", (rs, n) -> {
            java.sql.Array fragments = rs.getArray(3);
            long[] pairs = fragments == null ? new long[0]
                    : java.util.Arrays.stream((Long[]) fragments.getArray()).mapToLong(Long::longValue).toArray();
            return new PixelLayout(rs.getString(4), rs.getLong(1), rs.getLong(2), pairs);
        }, sopInstanceUid).stream().findFirst();
    }

    /** One instance's stored DICOM JSON. */
    public Optional<String> metadata(String sopInstanceUid) {
        return jdbc.query("select metadata from instance where sop_instance_uid = ?", (rs, n) -> rs.getString(1),
                sopInstanceUid).stream().findFirst();
    }

    private static String where(String seriesUid, String sopInstanceUid, List<Object> args) {
        StringBuilder where = new StringBuilder(" where st.study_uid = ?");
        if (seriesUid != null) {
            where.append(" and se.series_uid = ?");
            args.add(seriesUid);
        }
        if (sopInstanceUid != null) {
            where.append(" and i.sop_instance_uid = ?");
            args.add(sopInstanceUid);
        }
        return where.toString();
    }
}
