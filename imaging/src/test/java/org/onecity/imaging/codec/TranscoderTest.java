package org.onecity.imaging.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onecity.imaging.support.Dcmtk;
import org.onecity.imaging.support.PydicomFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stored objects written in another transfer syntax: native ones by PixelMed, compressed ones decoded by gdcmconv. */
class TranscoderTest {

    @TempDir
    Path work;
    @TempDir
    Path out;

    private Transcoder transcoder() {
        return new Transcoder("gdcmconv", Duration.ofSeconds(60), 256L * 1024 * 1024, work);
    }

    /** pydicom's MR_small in every syntax holds the same pixels, so each decoding is checked against the original. */
    @Test
    void every_encoding_of_one_image_comes_out_as_the_same_pixels_in_explicit_and_implicit_little_endian() {
        byte[] original = PydicomFiles.pixels(PydicomFiles.original("MR_small.dcm"));
        for (String name : List.of("MR_small.dcm", "MR_small_implicit.dcm", "MR_small_RLE.dcm",
                "MR_small_jpeg_ls_lossless.dcm", "MR_small_jp2klossless.dcm", "MR_small_bigendian.dcm")) {
            for (String target : TransferSyntaxes.PRODUCIBLE) {
                Path written = write(PydicomFiles.original(name), target);

                assertThat(Dcmtk.run("dcmdump", "-q", written.toString()).succeeded()).as(name).isTrue();
                var list = PydicomFiles.read(written);
                assertThat(PydicomFiles.value(list, com.pixelmed.dicom.TagFromName.TransferSyntaxUID)).isEqualTo(target);
                assertThat(PydicomFiles.pixels(list)).as(name + " as " + target).isEqualTo(original);
            }
        }
        assertThat(work).isEmptyDirectory();
    }

    /** Lossy and 8-bit colour encodings: compared with dcmtk's own decoders (dcmdjpeg, dcmdrle). */
    @Test
    void jpeg_and_rle_objects_decode_like_dcmtks_decoders_do() {
        for (String name : List.of("JPGExtended.dcm", "SC_rgb_jpeg_gdcm.dcm", "SC_rgb_rle.dcm", "SC_rgb_jpeg_dcmtk.dcm",
                "image_dfl.dcm")) {
            Path reference = out.resolve("reference-" + name);
            String decoder = name.contains("rle") ? "dcmdrle" : name.contains("dfl") ? "dcmconv" : "dcmdjpeg";
            Dcmtk.ok(Dcmtk.command(decoder, decoder.equals("dcmdjpeg") ? List.of("+cn", "+px") : null,
                    PydicomFiles.original(name), reference));

            byte[] ours = PydicomFiles.pixels(write(PydicomFiles.original(name), TransferSyntaxes.EXPLICIT_LITTLE));
            byte[] theirs = PydicomFiles.pixels(reference);

            assertThat(ours).as(name).hasSameSizeAs(theirs);
            assertThat(meanDifference(ours, theirs)).as(name).isLessThan(1.0);
        }
    }

    @Test
    void the_stored_syntax_comes_back_byte_for_byte_and_a_compressed_target_is_not_produced() throws IOException {
        Path jpeg2000 = PydicomFiles.original("JPEG2000.dcm");
        ByteArrayOutputStream same = new ByteArrayOutputStream();

        transcoder().writePart10(jpeg2000, "1.2.840.10008.1.2.4.91", same);

        assertThat(same.toByteArray()).isEqualTo(Files.readAllBytes(jpeg2000));
        assertThat(Transcoder.canProduce("1.2.840.10008.1.2.1", "1.2.840.10008.1.2.4.90")).isFalse();
        assertThatThrownBy(() -> transcoder().writePart10(PydicomFiles.original("CT_small.dcm"), "1.2.840.10008.1.2.4.50",
                OutputStream.nullOutputStream())).isInstanceOf(TranscodingFailed.class).hasMessageContaining("cannot");
    }

    @Test
    void a_codestream_that_cannot_be_decoded_fails_with_its_reason_and_leaves_no_files() throws IOException {
        Path broken = out.resolve("broken.dcm");
        Files.copy(PydicomFiles.original("JPEG2000.dcm"), broken);
        PydicomFiles.breakJpeg2000Codestream(broken);
        Files.write(out.resolve("truncated.dcm"), java.util.Arrays.copyOf(Files.readAllBytes(broken), 2000));

        for (Path hostile : List.of(broken, out.resolve("truncated.dcm"))) {
            assertThatThrownBy(() -> transcoder().writePart10(hostile, TransferSyntaxes.EXPLICIT_LITTLE,
                    OutputStream.nullOutputStream())).isInstanceOf(TranscodingFailed.class);
        }
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void a_decoder_that_hangs_is_killed_at_the_timeout_and_one_that_writes_too_much_is_stopped() throws IOException {
        Path hanging = out.resolve("hanging-decoder");
        Files.writeString(hanging, "#!/bin/sh\nexec sleep 30\n");
        hanging.toFile().setExecutable(true);
        Transcoder slow = new Transcoder(hanging.toString(), Duration.ofMillis(300), 1 << 20, work);
        Transcoder bounded = new Transcoder("gdcmconv", Duration.ofSeconds(60), 1000, work);

        assertThatThrownBy(() -> slow.writePart10(PydicomFiles.original("JPEG2000.dcm"), TransferSyntaxes.EXPLICIT_LITTLE,
                OutputStream.nullOutputStream())).isInstanceOf(TranscodingFailed.class).hasMessageContaining("longer");
        assertThatThrownBy(() -> bounded.writePart10(PydicomFiles.original("JPEG2000.dcm"), TransferSyntaxes.EXPLICIT_LITTLE,
                OutputStream.nullOutputStream())).isInstanceOf(TranscodingFailed.class).hasMessageContaining("bytes");
        try (Stream<ProcessHandle> children = ProcessHandle.current().descendants()) {
            assertThat(children.filter(p -> p.info().command().orElse("").contains("sleep"))).isEmpty();
        }
        assertThat(work).isEmptyDirectory();
    }

    private Path write(Path source, String target) {
        Path written = out.resolve(source.getFileName() + "." + target + ".dcm");
        try (OutputStream stream = Files.newOutputStream(written)) {
            transcoder().writePart10(source, target, stream);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return written;
    }

    private static double meanDifference(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        }
        return (double) sum / a.length;
    }
}
