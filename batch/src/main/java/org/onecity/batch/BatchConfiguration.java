package org.onecity.batch;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BatchSettings.class)
public class BatchConfiguration {

    /** The city's clock: settlement periods and due dates are the city's calendar days. */
    @Bean
    Clock clock(BatchSettings settings) {
        return Clock.system(settings.zone());
    }

    /**
     * Spring Batch's job repository and Spring Integration's channel message store are created by the batch's own
     * versioned migrations, from the DDL their libraries ship, in the settlement schema.
     */
    @Bean
    FlywayConfigurationCustomizer libraryTables() {
        return configuration -> configuration.javaMigrations(
                new LibraryTables("2", "Spring Batch job repository", "org/springframework/batch/core/schema-postgresql.sql"),
                new LibraryTables("3", "Spring Integration channel message store",
                        "org/springframework/integration/jdbc/schema-postgresql.sql"));
    }

    static final class LibraryTables implements JavaMigration {

        private final String version;
        private final String description;
        private final String script;

        LibraryTables(String version, String description, String script) {
            this.version = version;
            this.description = description;
            this.script = script;
        }

        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromVersion(version);
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public Integer getChecksum() {
            return null;
        }

        @Override
        public boolean canExecuteInTransaction() {
            return true;
        }

        @Override
        public void migrate(Context context) {
            new ResourceDatabasePopulator(new ClassPathResource(script))
                    .execute(new SingleConnectionDataSource(context.getConnection(), true));
        }
    }
}
