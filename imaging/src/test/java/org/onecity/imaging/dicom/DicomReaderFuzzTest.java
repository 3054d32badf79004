package org.onecity.imaging.dicom;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.onecity.imaging.ingest.Reception;
import org.onecity.imaging.ingest.Spool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes, taken in as a received object, are read (headers walked, then PixelMed) or refused with a DICOM status
 * and a reason; nothing else, and no OutOfMemoryError (fuzzing mode, the build's
 * second surefire run, tries 10,000 inputs at -Xmx384m: the production 256 MB and what the instrumentation needs).
 * The seeds are small valid objects of several encodings.
 */
class DicomReaderFuzzTest {

    private static final Reception RECEPTION = new Reception(new DataSetBounds(16L * 1024 * 1024),
            new HeaderMemory(64L * 1024 * 1024, Duration.ofSeconds(1)),
            new Spool(Path.of("target", "fuzz-spool")));

    @FuzzTest(maxExecutions = 10_000)
    void anyBytesAreReadOrRefusedWithAReason(byte[] input) throws IOException {
        Path file = Files.createTempFile("fuzz-", ".dcm");
        try {
            Files.write(file, input);
            ReceivedObject received = RECEPTION.receive(file, "fuzzed", "fuzzed", object -> object);
            assertThat(received.attributes().sopInstanceUid()).isNotBlank();
        } catch (Refused refused) {
            assertThat(refused.getMessage()).as("a refusal gives its reason").isNotBlank();
            assertThat(refused.status()).isNotZero();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
