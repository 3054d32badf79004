package org.onecity.imaging.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpoolFileTest {

    @TempDir
    Path folder;

    @Test
    void the_digest_taken_while_writing_is_the_sha256_of_the_file() throws Exception {
        byte[] bytes = new byte[700_001];
        new Random(3).nextBytes(bytes);
        SpoolFile file = new Spool(folder).write();
        file.write(bytes[0]);
        file.write(bytes, 1, 300_000);
        file.write(bytes, 300_001, bytes.length - 300_001);
        file.close();

        byte[] written = Files.readAllBytes(file.file());
        assertThat(written).isEqualTo(bytes);
        assertThat(file.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(written)));
    }

    @Test
    void no_digest_before_the_file_is_closed_and_discarding_removes_it() throws IOException {
        SpoolFile file = new Spool(folder).write();
        file.write(new byte[] {1, 2, 3});

        assertThatThrownBy(file::sha256).isInstanceOf(IllegalStateException.class);
        file.discard();
        assertThat(file.file()).doesNotExist();
    }
}
