package org.onecity.fhir.server;

import org.junit.jupiter.api.Test;
import org.onecity.fhir.support.CityRecordTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@CityRecordTest
class SchemaMigrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void schemaIsCreatedByHapisMigrationTasks() {
        Integer recorded = jdbc.queryForObject(
                "select count(*) from \"FLY_HFJ_MIGRATION\" where \"success\" = true", Integer.class);
        assertThat(recorded).isGreaterThan(100);
        Integer resourceTable = jdbc.queryForObject(
                "select count(*) from information_schema.tables where table_name = 'hfj_resource'", Integer.class);
        assertThat(resourceTable).isEqualTo(1);
    }
}
