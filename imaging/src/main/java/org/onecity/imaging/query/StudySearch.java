package org.onecity.imaging.query;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers {@link StudyQuery}s from the index with DICOM's matching rules (PS3.4 C.2.2.2): single value, universal
 * (empty), wildcard {@code * ?} (names case-insensitively), range {@code a-b} on dates and times, and UID lists.
 */
@Repository
public class StudySearch {

    static final Map<QueryLevel, Set<Attr>> DEFAULTS = Map.of(
            QueryLevel.PATIENT, EnumSet.of(Attr.PATIENT_NAME, Attr.PATIENT_ID, Attr.ISSUER_OF_PATIENT_ID,
                    Attr.PATIENT_BIRTH_DATE, Attr.PATIENT_SEX),
            QueryLevel.STUDY, EnumSet.of(Attr.STUDY_DATE, Attr.STUDY_TIME, Attr.ACCESSION_NUMBER,
                    Attr.MODALITIES_IN_STUDY, Attr.REFERRING_PHYSICIAN, Attr.PATIENT_NAME, Attr.PATIENT_ID,
                    Attr.PATIENT_BIRTH_DATE, Attr.PATIENT_SEX, Attr.STUDY_UID, Attr.STUDY_ID,
                    Attr.STUDY_SERIES_COUNT, Attr.STUDY_INSTANCE_COUNT),
            QueryLevel.SERIES, EnumSet.of(Attr.STUDY_UID, Attr.MODALITY, Attr.SERIES_DESCRIPTION, Attr.SERIES_NUMBER,
                    Attr.SERIES_UID, Attr.SERIES_INSTANCE_COUNT),
            QueryLevel.IMAGE, EnumSet.of(Attr.STUDY_UID, Attr.SERIES_UID, Attr.SOP_CLASS_UID, Attr.SOP_INSTANCE_UID,
                    Attr.INSTANCE_NUMBER, Attr.ROWS, Attr.COLUMNS, Attr.NUMBER_OF_FRAMES));

    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    private final JdbcTemplate jdbc;

    public StudySearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Match> find(StudyQuery query) {
        Set<Attr> returned = EnumSet.copyOf(DEFAULTS.get(query.level()));
        returned.addAll(query.returning());
        returned.addAll(query.matching().keySet());
        returned.removeIf(a -> a.level.ordinal() > query.level().ordinal());
        boolean withMetadata = query.level() == QueryLevel.IMAGE && !query.otherTags().isEmpty();

        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where true");
        for (var entry : query.matching().entrySet()) {
            if (entry.getKey().level.ordinal() > query.level().ordinal()) {
                throw new IllegalArgumentException(entry.getKey().keyword + " cannot be matched at "
                        + query.level().name().toLowerCase() + " level");
            }
            condition(entry.getKey(), entry.getValue(), where, args);
        }
        if (query.hospitals() != null) {
            where.append(" and st.hospital = any (?)");
            args.add(query.hospitals().toArray(String[]::new));
        }
        String columns = returned.stream().map(a -> a.column + " as " + a.name()).reduce((x, y) -> x + ", " + y).orElse("1");
        String sql = switch (query.level()) {
            case PATIENT -> "select distinct " + columns + ", p.id as row_id from patient p join study st on st.patient = p.id"
                    + where + " order by p.id";
            case STUDY -> "select " + columns + " from study st join patient p on p.id = st.patient" + where
                    + " order by st.study_date desc nulls last, st.id";
            case SERIES -> "select " + columns + " from series se join study st on st.id = se.study"
                    + " join patient p on p.id = st.patient" + where + " order by st.id, se.series_number nulls last, se.id";
            case IMAGE -> "select " + columns + (withMetadata ? ", i.metadata" : "")
                    + " from instance i join series se on se.id = i.series join study st on st.id = se.study"
                    + " join patient p on p.id = st.patient" + where
                    + " order by se.id, i.instance_number nulls last, i.id";
        };
        sql += " limit " + query.limit() + " offset " + query.offset();
        return jdbc.query(sql, (rs, n) -> match(rs, returned, withMetadata), args.toArray());
    }

    private static Match match(ResultSet rs, Set<Attr> returned, boolean withMetadata) throws SQLException {
        Map<Attr, Object> values = new LinkedHashMap<>();
        for (Attr attr : returned) {
            Object value = rs.getObject(attr.name());
            if (value instanceof Array array) {
                value = String.join("\\", (String[]) array.getArray());
            } else if (value instanceof Date date) {
                value = date.toLocalDate().format(DA);
            }
            values.put(attr, value);
        }
        return new Match(values, withMetadata ? rs.getString("metadata") : null);
    }

    private static void condition(Attr attr, String value, StringBuilder where, List<Object> args) {
        if (value == null || value.isEmpty() || value.equals("*")) {
            return; // universal matching
        }
        if (attr == Attr.MODALITIES_IN_STUDY) {
            where.append(" and st.modalities && ?");
            args.add(value.split("[\\\\,]"));
            return;
        }
        if (attr.vr.equals("UI")) {
            where.append(" and ").append(attr.column).append(" = any (?)");
            args.add(Arrays.stream(value.split("[\\\\,]")).map(String::trim).toArray(String[]::new));
            return;
        }
        if (attr.numeric()) {
            where.append(" and ").append(attr.column).append(" = ?");
            try {
                args.add(Integer.valueOf(value.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(attr.keyword + " must be a number: " + value);
            }
            return;
        }
        if ((attr.vr.equals("DA") || attr.vr.equals("TM")) && value.contains("-")) {
            range(attr, value, where, args);
            return;
        }
        if (attr.vr.equals("DA") && attr == Attr.STUDY_DATE) {
            where.append(" and st.study_date = ?");
            args.add(date(value));
            return;
        }
        if (value.contains("*") || value.contains("?")) {
            where.append(" and ").append(attr.column).append(attr.vr.equals("PN") ? " ilike ?" : " like ?")
                    .append(" escape '!'");
            args.add(like(value));
            return;
        }
        if (attr.vr.equals("PN")) {
            where.append(" and lower(").append(attr.column).append(") = lower(?)");
        } else {
            where.append(" and ").append(attr.column).append(" = ?");
        }
        args.add(value);
    }

    private static void range(Attr attr, String value, StringBuilder where, List<Object> args) {
        String[] bounds = value.split("-", -1);
        if (bounds.length != 2) {
            throw new IllegalArgumentException(attr.keyword + " is not a range: " + value);
        }
        boolean date = attr == Attr.STUDY_DATE;
        if (!bounds[0].isBlank()) {
            where.append(" and ").append(attr.column).append(" >= ?");
            args.add(date ? date(bounds[0]) : bounds[0].trim());
        }
        if (!bounds[1].isBlank()) {
            where.append(" and ").append(attr.column).append(" <= ?");
            args.add(date ? date(bounds[1]) : bounds[1].trim());
        }
    }

    private static Date date(String value) {
        try {
            return Date.valueOf(LocalDate.parse(value.trim(), DA));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not a DICOM date (YYYYMMDD): " + value);
        }
    }

    private static String like(String value) {
        StringBuilder like = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '*' -> like.append('%');
                case '?' -> like.append('_');
                case '%', '_', '!' -> like.append('!').append(c);
                default -> like.append(c);
            }
        }
        return like.toString();
    }
}
