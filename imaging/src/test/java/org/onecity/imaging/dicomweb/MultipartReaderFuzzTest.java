package org.onecity.imaging.dicomweb;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any body, cut into any reads, is either read part by part or refused as malformed; the reader never fails any other
 * way and never holds more than one buffer. Fuzzing mode (the build's second surefire run) tries 10,000 inputs.
 */
class MultipartReaderFuzzTest {

    @FuzzTest(maxExecutions = 10_000)
    void anyBodyIsReadOrRefusedAsMalformed(FuzzedDataProvider data) throws IOException {
        String boundary = data.consumeBoolean() ? "b" : data.consumeAsciiString(20);
        if (boundary.isEmpty() || boundary.contains("\r") || boundary.contains("\n")) {
            boundary = "boundary";
        }
        int chunk = data.consumeInt(1, 9000);
        byte[] body = data.consumeRemainingAsBytes();
        MultipartRelated reader = new MultipartRelated(new Trickling(body, chunk), boundary);
        long[] bytes = {0};
        try {
            int parts = reader.readAll(new MultipartRelated.PartSink() {
                @Override
                public OutputStream open(Map<String, String> headers) {
                    return new OutputStream() {
                        @Override
                        public void write(int b) {
                            bytes[0]++;
                        }

                        @Override
                        public void write(byte[] b, int off, int len) {
                            bytes[0] += len;
                        }
                    };
                }

                @Override
                public void close(OutputStream out, boolean complete) {
                }
            });
            assertThat(parts).isGreaterThanOrEqualTo(0);
            assertThat(bytes[0]).isLessThanOrEqualTo(body.length);
        } catch (MultipartRelated.MalformedMultipart expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    /** A body that arrives a few bytes at a time, as from a slow client. */
    private static final class Trickling extends ByteArrayInputStream {
        private final int chunk;

        Trickling(byte[] body, int chunk) {
            super(body);
            this.chunk = chunk;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk));
        }
    }
}
