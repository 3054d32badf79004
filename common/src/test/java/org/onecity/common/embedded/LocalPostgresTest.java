package org.onecity.common.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

class LocalPostgresTest {

    @TempDir
    Path folder;

    @Test
    void a_persistent_server_writes_every_commit_to_disk_before_acknowledging_it() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(folder.resolve("kept"), 0, true)) {
            assertThat(setting(postgres, "fsync")).isEqualTo("on");
            assertThat(setting(postgres, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(postgres, "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void a_throw_away_server_for_tests_keeps_the_fast_settings() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(folder.resolve("throw-away"), 0, false)) {
            assertThat(setting(postgres, "synchronous_commit")).isEqualTo("off");
        }
    }

    private static String setting(LocalPostgres postgres, String name) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), LocalPostgres.USER, "");
             ResultSet rows = connection.createStatement().executeQuery("show " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
