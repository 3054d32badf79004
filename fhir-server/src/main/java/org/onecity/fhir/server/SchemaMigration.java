package org.onecity.fhir.server;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.SchemaMigrator;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.Set;

/**
 * Creates and upgrades the HAPI schema with HAPI's own migration tasks, never with Hibernate's auto-update.
 * Runs before the entity manager factory is built; HAPI's migration lock keeps two servers from migrating at once.
 */
public class SchemaMigration {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);

    private final MigrationResult result;

    public SchemaMigration(DataSource dataSource) {
        HapiMigrator migrator = new HapiMigrator(SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME, dataSource,
                DriverTypeEnum.POSTGRES_9_4);
        migrator.addTasks(new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values()));
        migrator.createMigrationTableIfRequired();
        result = migrator.migrate();
        log.info("HAPI schema migration: {} tasks applied, {} changes", result.succeededTasks.size(), result.changes);
    }

    public int appliedTasks() {
        return result.succeededTasks.size();
    }
}
