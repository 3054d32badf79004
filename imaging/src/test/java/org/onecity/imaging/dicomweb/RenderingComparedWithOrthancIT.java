package org.onecity.imaging.dicomweb;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onecity.common.test.CityTokens;
import org.onecity.common.test.ServiceProcesses;
import org.onecity.imaging.render.PixelFormat;
import org.onecity.imaging.support.Dcmtk;
import org.onecity.imaging.support.DicomWebClient;
import org.onecity.imaging.support.ImagingTest;
import org.onecity.imaging.support.Orthanc;
import org.onecity.imaging.support.PydicomFiles;
import org.onecity.imaging.support.TestImages;
import org.springframework.beans.factory.annotation.Autowired;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every pydicom test file the archive stores, and a few objects dcmtk makes for what pydicom lacks (palette colour,
 * MONOCHROME1, RGB by plane, JPEG lossless process 14, near-lossless JPEG-LS), is rendered by the archive
 * (/rendered, PNG) and by Orthanc 1.10.1 from Debian ({@code /instances/{id}/rendered}, which like ours applies the
 * instance's window; Orthanc's DICOMweb /rendered and /preview stretch the frame's range instead). Where Orthanc
 * renders, we render; both images have the same size and agree within a mean absolute difference of
 * {@value #TOLERANCE} levels (of 255) in each channel.
 * <p>
 * One difference is intended, and taken out of the comparison by asking Orthanc for our window: a grayscale object
 * without a VOI window is drawn by us over its frame's range of values, by Orthanc 1.10.1 over the whole range of a
 * 16-bit value (CT_small comes out with levels 0-4 of 255, 12-bit JPEGs 0-16, 32-bit RT Doses all white).
 */
@ImagingTest
class RenderingComparedWithOrthancIT {

    /** Mean absolute difference per channel, in 8-bit levels, under which two renderings are alike. */
    static final double TOLERANCE = 4.0;

    /** The images we do not render (406, with the reason); Orthanc renders none of them either. */
    static final Map<String, String> NOT_RENDERED = Map.of(
            "SC_rgb_rle_32bit.dcm", "32-bit colour samples are not drawn",
            "SC_rgb_rle_32bit_2frame.dcm", "32-bit colour samples are not drawn",
            "JPEG2000-embedded-sequence-delimiter.dcm", "a defective codestream (pydicom's own test of a delimiter"
                    + " inside a fragment) that gdcmconv does not decode");

    private final HttpClient http = HttpClient.newHttpClient();
    @Autowired
    DicomWebClient dicomWeb;
    @TempDir
    Path folder;

    record Outcome(String name, String syntax, String photometric, int ours, int orthancs, String size,
                   double difference) {
        @Override
        public String toString() {
            return String.format("%-42s %-24s %-14s ours %d orthanc %d %-9s %s", name, syntax, photometric, ours,
                    orthancs, size, Double.isNaN(difference) ? "" : String.format("%.2f", difference));
        }
    }

    @Test
    void every_image_orthanc_renders_is_rendered_alike() throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        try (Orthanc orthanc = Orthanc.start(folder.resolve("orthanc"), ServiceProcesses.freePort(),
                ServiceProcesses.freePort())) {
            for (var entry : objects().entrySet()) {
                String name = entry.getKey();
                Path copy = entry.getValue();
                var stored = dicomWeb.store(CityTokens.hospital("H001"), List.of(copy));
                if (stored.status() != 200) {
                    continue;
                }
                AttributeList header = PydicomFiles.header(copy);
                String url = stored.json().path("00081199").path("Value").get(0).path("00081190").path("Value").get(0)
                        .asText();
                var ours = dicomWeb.get(CityTokens.hospital("H001"), url.substring(url.indexOf("/studies/")) + "/rendered",
                        "image/png");
                HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(orthanc.rest() + "/instances"))
                        .POST(HttpRequest.BodyPublishers.ofFile(copy)).build(), HttpResponse.BodyHandlers.ofString());
                String id = posted.body().replaceAll("(?s).*\"ID\"\\s*:\\s*\"([^\"]+)\".*", "$1");
                String window = header.get(TagFromName.WindowCenter) == null ? ourDefaultWindow(copy) : "";
                HttpResponse<byte[]> theirs = http.send(HttpRequest.newBuilder(URI.create(orthanc.rest() + "/instances/"
                        + id + "/rendered" + window)).header("Accept", "image/png").build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                outcomes.add(compare(name, header, ours.status(), ours.body(), theirs.statusCode(), theirs.body()));
            }
        }
        outcomes.forEach(System.out::println);
        long oursRendered = outcomes.stream().filter(o -> o.ours() == 200).count();
        long theirsRendered = outcomes.stream().filter(o -> o.orthancs() == 200).count();
        System.out.printf("%d objects stored; rendered by us %d, by Orthanc %d%n", outcomes.size(), oursRendered,
                theirsRendered);

        for (Outcome outcome : outcomes) {
            if (outcome.orthancs() == 200) {
                assertThat(outcome.ours()).as(outcome.toString()).isEqualTo(200);
                assertThat(outcome.size()).as(outcome.toString()).isEqualTo("same");
                assertThat(outcome.difference()).as(outcome.toString()).isLessThan(TOLERANCE);
            }
            boolean image = !outcome.photometric().startsWith("/");
            assertThat(outcome.ours()).as(outcome + ": an image is rendered or refused, the rest have no pixel data")
                    .isEqualTo(!image ? 404 : NOT_RENDERED.containsKey(outcome.name()) ? 406 : 200);
        }
        assertThat(oursRendered).isGreaterThanOrEqualTo(theirsRendered);
    }

    /** pydicom's files with new UIDs, and dcmtk's makings of what pydicom has none of. */
    private Map<String, Path> objects() {
        Map<String, Path> objects = new java.util.LinkedHashMap<>();
        for (String name : PydicomFiles.all()) {
            objects.put(name, PydicomFiles.withNewUids(name, folder.resolve("objects").resolve(name.replace(".dcm", ""))));
        }
        Path made = folder.resolve("made");
        Path mrSmall = PydicomFiles.original("MR_small.dcm");
        Path unsigned = TestImages.write(TestImages.ct(TestImages.study("MRN-ORTHANC", "H001", "Made^Ct", "20261201"),
                64, 64), made);
        objects.put("made: PALETTE COLOR", TestImages.palette(made));
        objects.put("made: JPEG lossless process 14", made(made, "dcmcjpeg", "+el", mrSmall));
        objects.put("made: JPEG-LS near-lossless", made(made, "dcmcjpls", "+en", unsigned));
        Path inverted = made(made, "dcmconv", "+te", unsigned);
        Dcmtk.ok("dcmodify", "-nb", "-q", "-m", "(0028,0004)=MONOCHROME1", inverted.toString());
        objects.put("made: MONOCHROME1", inverted);
        Path byPlane = made.resolve("rgb-by-plane.dcm");
        Dcmtk.ok("gdcmconv", "--planar-configuration", "1", PydicomFiles.original("SC_rgb_jpeg_dcmd.dcm").toString(),
                byPlane.toString());
        objects.put("made: RGB by plane", byPlane);
        objects.replaceAll((name, file) -> name.startsWith("made: ")
                ? PydicomFiles.copy(file, folder.resolve("made-copies"), "MRN-ORTHANC", null) : file);
        return objects;
    }

    private static Path made(Path folder, String tool, String option, Path source) {
        Path out = folder.resolve(tool + option.replace("+", "") + "-" + source.getFileName());
        Dcmtk.ok(tool, option, source.toString(), out.toString());
        return out;
    }

    /**
     * The window we draw an object without one in (its first frame's range of rescaled values), as Orthanc's query
     * arguments: the values are those gdcmconv decodes.
     */
    private String ourDefaultWindow(Path object) throws IOException {
        Path decoded = folder.resolve("window-" + object.getFileName());
        if (!Dcmtk.run("gdcmconv", "--raw", object.toString(), decoded.toString()).succeeded()) {
            return "";
        }
        AttributeList list = PydicomFiles.read(decoded);
        PixelFormat format = PixelFormat.of(list);
        if (!format.photometric().startsWith("MONOCHROME") || format.bitsAllocated() < 8) {
            return "";
        }
        java.nio.ByteBuffer pixels = java.nio.ByteBuffer.wrap(PydicomFiles.pixels(list)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < format.rows() * format.columns(); i++) {
            long raw = switch (format.bitsAllocated()) {
                case 8 -> pixels.get(i) & 0xFFL;
                case 16 -> pixels.getShort(2 * i) & 0xFFFFL;
                default -> pixels.getInt(4 * i) & 0xFFFFFFFFL;
            };
            int bits = Math.min(format.bitsStored(), format.bitsAllocated());
            long value = raw & ((1L << bits) - 1);
            if (format.signed() && (value & (1L << (bits - 1))) != 0) {
                value -= 1L << bits;
            }
            double rescaled = value * format.slope() + format.intercept();
            min = Math.min(min, rescaled);
            max = Math.max(max, rescaled);
        }
        return "?window-center=" + (min + max) / 2 + "&window-width=" + Math.max(1, max - min);
    }

    private static Outcome compare(String name, AttributeList header, int ours, byte[] ourImage, int theirs,
                                   byte[] theirImage) throws IOException {
        String syntax = PydicomFiles.value(header, TagFromName.TransferSyntaxUID);
        String photometric = PydicomFiles.value(header, TagFromName.PhotometricInterpretation) + "/"
                + PydicomFiles.value(header, TagFromName.BitsAllocated);
        if (ours != 200 || theirs != 200) {
            return new Outcome(name, syntax, photometric, ours, theirs, "", Double.NaN);
        }
        BufferedImage a = ImageIO.read(new ByteArrayInputStream(ourImage));
        BufferedImage b = ImageIO.read(new ByteArrayInputStream(theirImage));
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return new Outcome(name, syntax, photometric, ours, theirs, a.getWidth() + "x" + a.getHeight() + "/"
                    + b.getWidth() + "x" + b.getHeight(), Double.NaN);
        }
        return new Outcome(name, syntax, photometric, ours, theirs, "same", meanDifference(a, b));
    }

    /** The largest of the three channels' mean absolute differences, read from the rasters (no colour conversion). */
    static double meanDifference(BufferedImage a, BufferedImage b) {
        double worst = 0;
        for (int channel = 0; channel < 3; channel++) {
            long sum = 0;
            for (int y = 0; y < a.getHeight(); y++) {
                for (int x = 0; x < a.getWidth(); x++) {
                    sum += Math.abs(sample(a.getRaster(), x, y, channel) - sample(b.getRaster(), x, y, channel));
                }
            }
            worst = Math.max(worst, (double) sum / (a.getWidth() * a.getHeight()));
        }
        return worst;
    }

    private static int sample(Raster raster, int x, int y, int channel) {
        int bands = raster.getNumBands();
        int value = raster.getSample(x, y, bands >= 3 ? channel : 0);
        int bits = raster.getSampleModel().getSampleSize(bands >= 3 ? channel : 0);
        return bits > 8 ? value >> (bits - 8) : value;
    }
}
