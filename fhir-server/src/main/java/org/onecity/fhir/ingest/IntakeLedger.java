package org.onecity.fhir.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

/**
 * The durable count of what each hospital pushed, accepted and refused by reason ({@code onecity.intake_counts}): one
 * upsert per push, after it is answered. A count that cannot be written is logged, never turned into a failed push.
 */
public class IntakeLedger {

    private static final Logger log = LoggerFactory.getLogger(IntakeLedger.class);

    /** One row of the report. */
    public record Count(String hospital, String outcome, String reason, long resources, long pushes, Timestamp lastPush) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public IntakeLedger(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void count(String hospital, String outcome, IntakeReason reason, int resources) {
        try {
            jdbc.update("insert into onecity.intake_counts (hospital, outcome, reason, resources, pushes, last_push) "
                    + "values (?, ?, ?, ?, 1, ?) on conflict (hospital, outcome, reason) do update set "
                    + "resources = intake_counts.resources + excluded.resources, pushes = intake_counts.pushes + 1, "
                    + "last_push = excluded.last_push", hospital, outcome, reason.code(), resources,
                    Timestamp.from(clock.instant()));
        } catch (DataAccessException e) {
            log.warn("Intake count of {} ({} {}) not recorded: {}", hospital, outcome, reason.code(), e.getMessage());
        }
    }

    public List<Count> counts() {
        return jdbc.query("select hospital, outcome, reason, resources, pushes, last_push from onecity.intake_counts "
                + "order by hospital, outcome, reason", (row, i) -> new Count(row.getString(1), row.getString(2),
                row.getString(3), row.getLong(4), row.getLong(5), row.getTimestamp(6)));
    }
}
