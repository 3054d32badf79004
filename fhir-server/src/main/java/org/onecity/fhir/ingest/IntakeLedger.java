package org.onecity.fhir.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The durable count of what each hospital pushed, accepted and refused by reason: all-time totals
 * ({@code onecity.intake_counts}) and the same per day of the city ({@code onecity.intake_days}). One statement per
 * push, after it is answered. A count that cannot be written is logged, never turned into a failed push.
 */
public class IntakeLedger {

    /** The city's calendar: a push at 01:00 in the city belongs to that day, not to the day before in UTC. */
    public static final ZoneId CITY_ZONE = ZoneId.of("Asia/Shanghai");

    private static final Logger log = LoggerFactory.getLogger(IntakeLedger.class);

    /** One row of the report: all time ({@code day} null) or one day. */
    public record Count(LocalDate day, String hospital, String outcome, String reason, long resources, long pushes,
                        Timestamp lastPush) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public IntakeLedger(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void count(String hospital, String outcome, IntakeReason reason, int resources) {
        Instant now = clock.instant();
        try {
            // both counts in one statement: the totals and the day's never disagree
            jdbc.update("with total as (insert into onecity.intake_counts (hospital, outcome, reason, resources, pushes, "
                    + "last_push) values (?, ?, ?, ?, 1, ?) on conflict (hospital, outcome, reason) do update set "
                    + "resources = intake_counts.resources + excluded.resources, pushes = intake_counts.pushes + 1, "
                    + "last_push = excluded.last_push) "
                    + "insert into onecity.intake_days (day, hospital, outcome, reason, resources, pushes, last_push) "
                    + "values (?, ?, ?, ?, ?, 1, ?) on conflict (day, hospital, outcome, reason) do update set "
                    + "resources = intake_days.resources + excluded.resources, pushes = intake_days.pushes + 1, "
                    + "last_push = excluded.last_push",
                    hospital, outcome, reason.code(), resources, Timestamp.from(now),
                    Date.valueOf(LocalDate.ofInstant(now, CITY_ZONE)), hospital, outcome, reason.code(), resources,
                    Timestamp.from(now));
        } catch (DataAccessException e) {
            log.warn("Intake count of {} ({} {}) not recorded: {}", hospital, outcome, reason.code(), e.getMessage());
        }
    }

    /** All-time totals per hospital, outcome and reason. */
    public List<Count> counts() {
        return jdbc.query("select hospital, outcome, reason, resources, pushes, last_push from onecity.intake_counts "
                + "order by hospital, outcome, reason", (row, i) -> new Count(null, row.getString(1), row.getString(2),
                row.getString(3), row.getLong(4), row.getLong(5), row.getTimestamp(6)));
    }

    /** The counts of the last {@code days} days of the city, today included, per day, hospital, outcome and reason. */
    public List<Count> countsByDay(int days) {
        LocalDate first = LocalDate.ofInstant(clock.instant(), CITY_ZONE).minusDays(days - 1L);
        return jdbc.query("select day, hospital, outcome, reason, resources, pushes, last_push from onecity.intake_days "
                + "where day >= ? order by hospital, day, outcome, reason", (row, i) -> new Count(
                row.getDate(1).toLocalDate(), row.getString(2), row.getString(3), row.getString(4), row.getLong(5),
                row.getLong(6), row.getTimestamp(7)), Date.valueOf(first));
    }
}
