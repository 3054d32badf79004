package org.onecity.batch.history;

import ca.uhn.fhir.context.FhirContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.onecity.common.city.Hospital;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The history import's hostile line corpus: whatever a line of a hospital's NDJSON export holds, it is refused with
 * a reason for the error file (a {@link BadLine}), never an exception that stops the import.
 */
class HostileHistoryLinesTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private final HistoryLines lines = new HistoryLines(FHIR, new Hospital("H001", "First Hospital", 3, null),
            (type, id) -> Optional.empty());

    record Hostile(String name, String text) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> corpus() {
        return Stream.of(
                new Hostile("truncated", "{\"resourceType\":\"Patient\",\"identifier\":[{\"sys"),
                new Hostile("not JSON", "MSH|^~\\&|HIS|H001|||20260101||ADT^A01|1|P|2.5"),
                new Hostile("a JSON array", "[{\"resourceType\":\"Patient\"}]"),
                new Hostile("a JSON string", "\"Patient\""),
                new Hostile("no resourceType", "{\"id\":\"1\"}"),
                new Hostile("an unknown resourceType", "{\"resourceType\":\"Spaceship\"}"),
                new Hostile("nested 100,000 arrays deep", "{\"resourceType\":\"Patient\",\"x\":"
                        + "[".repeat(100_000) + "]".repeat(100_000) + "}"),
                new Hostile("extensions nested 5,000 deep", "{\"resourceType\":\"Patient\","
                        + "\"extension\":[{\"url\":\"http://x.example/e\",".repeat(5_000) + "\"valueString\":\"x\""
                        + "}]".repeat(5_000) + "}"),
                new Hostile("a number of a million digits", "{\"resourceType\":\"Observation\",\"valueQuantity\":"
                        + "{\"value\":1" + "0".repeat(1_000_000) + "}}"),
                new Hostile("a 30 MB string", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\""
                        + "W".repeat(30 << 20) + "\"}]}"),
                new Hostile("undecodable bytes", new String(new byte[] {'{', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '}'},
                        StandardCharsets.UTF_8)),
                new Hostile("NUL bytes", "{\"resourceType\":\"Patient\"\u0000\u0000}"),
                new Hostile("a line longer than the import holds", BoundedLines.TOO_LONG + "999999999"),
                new Hostile("a reference that is not Type/id", "{\"resourceType\":\"Observation\",\"identifier\":[{"
                        + "\"system\":\"https://fhir.onecity.example/sid/hospital/H001/lab\",\"value\":\"1\"}],"
                        + "\"subject\":{\"reference\":\"Patient/1/_history/2/x\"}}"),
                new Hostile("another hospital's identifier", "{\"resourceType\":\"Patient\",\"identifier\":[{"
                        + "\"system\":\"https://fhir.onecity.example/sid/hospital/H002/mrn\",\"value\":\"1\"}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aHostileLineIsABadLineWithAReason(Hostile hostile) {
        assertThatThrownBy(() -> lines.read(new NdjsonLine(7, hostile.text())))
                .as(hostile.name()).isInstanceOf(BadLine.class).hasMessageNotContaining("Exception");
    }
}
