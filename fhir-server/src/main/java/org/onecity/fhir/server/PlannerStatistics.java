package org.onecity.fhir.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/**
 * HAPI's migration asks PostgreSQL to keep 10,000 most common values of the link table's resource ids. With every
 * search planned for its own values, that list is read each time a search joins links to indexes: 16 ms of planning
 * for a lab trend at 10,000 patients, 2 ms with PostgreSQL's default of 100, for the same plan. The next ANALYZE
 * (autovacuum, or the benchmark's) collects the smaller statistics.
 */
final class PlannerStatistics {

    private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);
    static final int TARGET = 100;

    private PlannerStatistics() {
    }

    static void apply(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Integer larger = jdbc.queryForObject("""
                select count(*) from pg_attribute where attrelid = 'hfj_res_link'::regclass
                and attname in ('src_resource_id', 'target_resource_id') and attstattarget <> ?""", Integer.class, TARGET);
        if (larger != null && larger > 0) {
            jdbc.execute("alter table hfj_res_link alter column src_resource_id set statistics " + TARGET
                    + ", alter column target_resource_id set statistics " + TARGET);
            log.info("Planner statistics of hfj_res_link's resource ids set to {} values", TARGET);
        }
    }
}
