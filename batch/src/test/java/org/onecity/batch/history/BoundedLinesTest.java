package org.onecity.batch.history;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A history file's lines are held only up to a limit: a longer line becomes a refusal, the lines after it are read. */
class BoundedLinesTest {

    @Test
    void aLineLongerThanTheLimitIsHandedOnAsTooLongAndTheNextLinesAreRead() throws IOException {
        String file = "{\"resourceType\":\"Patient\"}\r\n" + "x".repeat(5_000) + "\n{\"resourceType\":\"Encounter\"}";
        BufferedReader lines = new BoundedLines(1_000).create(
                new ByteArrayResource(file.getBytes(StandardCharsets.UTF_8)), "UTF-8");

        assertThat(lines.readLine()).isEqualTo("{\"resourceType\":\"Patient\"}");
        String tooLong = lines.readLine();
        assertThat(BoundedLines.tooLong(tooLong)).isTrue();
        assertThat(tooLong).endsWith("5000");
        assertThat(lines.readLine()).isEqualTo("{\"resourceType\":\"Encounter\"}");
        assertThat(lines.readLine()).isNull();
    }
}
