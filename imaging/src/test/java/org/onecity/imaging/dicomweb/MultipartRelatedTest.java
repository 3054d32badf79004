package org.onecity.imaging.dicomweb;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultipartRelatedTest {

    @Test
    void parts_come_out_byte_for_byte_however_the_body_arrives() throws IOException {
        Random random = new Random(7);
        byte[] first = new byte[200_000];
        random.nextBytes(first);
        // a part holding almost the delimiter, or the boundary without its CRLF, must not be cut there
        byte[] second = "\r\n--boundar\r\n--boundarx and more\n--boundary\r--boundary\r\r\n-\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = body("boundary", first, second, new byte[0]);

        for (int chunk : new int[] {1, 7, 4096, 1 << 20}) {
            List<byte[]> parts = read(new Trickle(new ByteArrayInputStream(body), chunk), "boundary");
            assertThat(parts).hasSize(3);
            assertThat(parts.get(0)).isEqualTo(first);
            assertThat(parts.get(1)).isEqualTo(second);
            assertThat(parts.get(2)).isEmpty();
        }
    }

    @Test
    void a_body_cut_off_inside_a_part_is_malformed() {
        byte[] body = "--b\r\nContent-Type: application/dicom\r\n\r\nhalf a part".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> read(new ByteArrayInputStream(body), "b"))
                .isInstanceOf(MultipartRelated.MalformedMultipart.class).hasMessageContaining("ends inside part 1");
    }

    @Test
    void the_boundary_is_read_from_the_content_type_quoted_or_not() {
        assertThat(MultipartRelated.boundary("multipart/related; type=\"application/dicom\"; boundary=\"a b\""))
                .isEqualTo("a b");
        assertThat(MultipartRelated.boundary("multipart/related;boundary=xyz;type=application/dicom")).isEqualTo("xyz");
        assertThat(MultipartRelated.boundary("multipart/related; type=application/dicom")).isNull();
    }

    private static byte[] body(String boundary, byte[]... parts) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write("preamble\r\n".getBytes(StandardCharsets.US_ASCII));
        for (byte[] part : parts) {
            body.write(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.write(part);
            body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private static List<byte[]> read(InputStream in, String boundary) throws IOException {
        List<byte[]> parts = new ArrayList<>();
        new MultipartRelated(in, boundary).readAll(new MultipartRelated.PartSink() {
            @Override
            public OutputStream open(Map<String, String> headers) {
                assertThat(headers).containsEntry("content-type", "application/dicom");
                return new ByteArrayOutputStream();
            }

            @Override
            public void close(OutputStream out, boolean complete) {
                if (complete) {
                    parts.add(((ByteArrayOutputStream) out).toByteArray());
                }
            }
        });
        return parts;
    }

    /** Hands out at most a few bytes per read, as a slow network does. */
    private static final class Trickle extends FilterInputStream {
        private final int chunk;

        Trickle(InputStream in, int chunk) {
            super(in);
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, chunk));
        }
    }
}
