package org.onecity.imaging.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * DICOM test objects made the way the issue asks: a dcmtk dump written here, turned into a Part 10 file by dump2dcm,
 * and converted to other transfer syntaxes with dcmtk's converters (JPEG 2000 with OpenJPEG). Pixels follow a
 * known pattern so retrieved bytes and rendered images can be checked.
 */
public final class TestImages {

    public static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    public static final String CR = "1.2.840.10008.5.1.4.1.1.1";
    public static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";

    /** The transfer syntaxes a file can be made in, with their UID. */
    public enum Syntax {
        EXPLICIT_LITTLE("1.2.840.10008.1.2.1"),
        IMPLICIT_LITTLE("1.2.840.10008.1.2"),
        DEFLATE("1.2.840.10008.1.2.1.99"),
        JPEG_BASELINE("1.2.840.10008.1.2.4.50"),
        JPEG_LOSSLESS("1.2.840.10008.1.2.4.70"),
        JPEG_2000_LOSSLESS("1.2.840.10008.1.2.4.90"),
        RLE("1.2.840.10008.1.2.5");

        public final String uid;

        Syntax(String uid) {
            this.uid = uid;
        }
    }

    /** The patient and study an image belongs to. */
    public record Study(String patientId, String issuer, String patientName, String birthDate, String sex,
                       String studyUid, String studyDate, String accession, String description) {
        public Study withPatientName(String name) {
            return new Study(patientId, issuer, name, birthDate, sex, studyUid, studyDate, accession, description);
        }
    }

    /** An image to make: its study, series and the few attributes tests vary. */
    public record Image(Study study, String seriesUid, String modality, String sopClass, String sopInstanceUid,
                        int instanceNumber, int rows, int columns, int frames, int bits, Syntax syntax) {

        public Image in(Syntax other) {
            return new Image(study, seriesUid, modality, sopClass, sopInstanceUid, instanceNumber, rows, columns,
                    frames, other == Syntax.JPEG_BASELINE ? 8 : bits, other);
        }

        public Image numbered(int number) {
            return new Image(study, seriesUid, modality, sopClass, uid(), number, rows, columns, frames, bits, syntax);
        }

        public Image sized(int newRows, int newColumns, int newFrames) {
            return new Image(study, seriesUid, modality, sopClass, sopInstanceUid, instanceNumber, newRows, newColumns,
                    newFrames, bits, syntax);
        }

        public Image ofClass(String newSopClass) {
            return new Image(study, seriesUid, modality, newSopClass, sopInstanceUid, instanceNumber, rows, columns,
                    frames, bits, syntax);
        }
    }

    private TestImages() {
    }

    /** A new UID under the UUID root (PS3.5 B.2). */
    public static String uid() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, bytes.array());
    }

    public static Study study(String patientId, String issuer, String patientName, String studyDate) {
        return new Study(patientId, issuer, patientName, "19800101", "M", uid(), studyDate, "ACC" + Math.abs(uid().hashCode()),
                "CT chest");
    }

    /** A 16-bit CT slice of the study, in a new series unless one is given. */
    public static Image ct(Study study, int rows, int columns) {
        return new Image(study, uid(), "CT", CT, uid(), 1, rows, columns, 1, 16, Syntax.EXPLICIT_LITTLE);
    }

    /** Writes the image without the named attributes (e.g. {@code "0020,000d"}): a broken object to refuse. */
    public static Path writeWithout(Image image, Path folder, String... tags) {
        return write(image, folder, tags);
    }

    /** Writes the image as a Part 10 file in the folder; returns its path. */
    public static Path write(Image image, Path folder) {
        return write(image, folder, new String[0]);
    }

    private static Path write(Image image, Path folder, String[] leftOut) {
        try {
            Files.createDirectories(folder);
            String name = image.sopInstanceUid();
            Path pixels = folder.resolve(name + ".raw");
            writePixels(image, pixels);
            Path dump = folder.resolve(name + ".dump");
            String text = dump(image, pixels);
            for (String tag : leftOut) {
                text = text.replaceAll("\\(" + java.util.regex.Pattern.quote(tag) + "\\).*\n", "");
            }
            Files.writeString(dump, text, StandardCharsets.UTF_8);
            Path explicit = folder.resolve(name + ".explicit.dcm");
            Dcmtk.ok("dump2dcm", "--write-xfer-little", dump.toString(), explicit.toString());
            Path file = folder.resolve(name + ".dcm");
            switch (image.syntax()) {
                case EXPLICIT_LITTLE -> Files.move(explicit, file);
                case IMPLICIT_LITTLE -> Dcmtk.ok("dcmconv", "+ti", explicit.toString(), file.toString());
                case DEFLATE -> Dcmtk.ok("dcmconv", "+td", explicit.toString(), file.toString());
                case JPEG_BASELINE -> Dcmtk.ok("dcmcjpeg", "+eb", "+un", explicit.toString(), file.toString());
                case JPEG_LOSSLESS -> Dcmtk.ok("dcmcjpeg", "+e1", explicit.toString(), file.toString());
                case RLE -> Dcmtk.ok("dcmcrle", explicit.toString(), file.toString());
                case JPEG_2000_LOSSLESS -> jpeg2000(image, pixels, dump, folder, file);
            }
            Files.deleteIfExists(explicit);
            Files.deleteIfExists(pixels);
            Files.deleteIfExists(dump);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pixel value at a position: a diagonal gradient, so windowing and frames can be checked. */
    public static int pixel(Image image, int frame, int row, int column) {
        int max = image.bits() == 8 ? 255 : 4095;
        return (row + column + frame * 7) % (max + 1);
    }

    private static void writePixels(Image image, Path file) throws IOException {
        int bytesPerPixel = image.bits() == 8 ? 1 : 2;
        ByteBuffer buffer = ByteBuffer.allocate(image.rows() * image.columns() * bytesPerPixel)
                .order(ByteOrder.LITTLE_ENDIAN);
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (int frame = 0; frame < image.frames(); frame++) {
                buffer.clear();
                for (int row = 0; row < image.rows(); row++) {
                    for (int column = 0; column < image.columns(); column++) {
                        int value = pixel(image, frame, row, column);
                        if (bytesPerPixel == 1) {
                            buffer.put((byte) value);
                        } else {
                            buffer.putShort((short) value);
                        }
                    }
                }
                out.write(buffer.array(), 0, buffer.position());
            }
        }
    }

    private static String dump(Image image, Path pixels) {
        Study s = image.study();
        StringBuilder dump = new StringBuilder();
        line(dump, "0008,0005", "CS", "ISO_IR 192");
        line(dump, "0008,0016", "UI", image.sopClass());
        line(dump, "0008,0018", "UI", image.sopInstanceUid());
        line(dump, "0008,0020", "DA", s.studyDate());
        line(dump, "0008,0030", "TM", "101500");
        line(dump, "0008,0050", "SH", s.accession());
        line(dump, "0008,0060", "CS", image.modality());
        line(dump, "0008,0090", "PN", "Wang^Li");
        line(dump, "0008,1030", "LO", s.description());
        line(dump, "0010,0010", "PN", s.patientName());
        line(dump, "0010,0020", "LO", s.patientId());
        if (s.issuer() != null) {
            line(dump, "0010,0021", "LO", s.issuer());
        }
        line(dump, "0010,0030", "DA", s.birthDate());
        line(dump, "0010,0040", "CS", s.sex());
        line(dump, "0020,000d", "UI", s.studyUid());
        line(dump, "0020,000e", "UI", image.seriesUid());
        line(dump, "0020,0010", "SH", "1");
        line(dump, "0020,0011", "IS", "1");
        line(dump, "0020,0013", "IS", String.valueOf(image.instanceNumber()));
        if (image.frames() > 1) {
            line(dump, "0028,0008", "IS", String.valueOf(image.frames()));
        }
        dump.append("(0028,0002) US 1\n");
        line(dump, "0028,0004", "CS", "MONOCHROME2");
        dump.append("(0028,0010) US ").append(image.rows()).append('\n');
        dump.append("(0028,0011) US ").append(image.columns()).append('\n');
        int bits = image.bits();
        dump.append("(0028,0100) US ").append(bits).append('\n');
        dump.append("(0028,0101) US ").append(bits == 8 ? 8 : 12).append('\n');
        dump.append("(0028,0102) US ").append(bits == 8 ? 7 : 11).append('\n');
        dump.append("(0028,0103) US 0\n");
        if (bits == 16) {
            line(dump, "0028,1050", "DS", "1024");
            line(dump, "0028,1051", "DS", "2048");
            line(dump, "0028,1052", "DS", "0");
            line(dump, "0028,1053", "DS", "1");
        }
        dump.append("(7fe0,0010) ").append(bits == 8 ? "OB" : "OW").append(" =").append(pixels).append('\n');
        return dump.toString();
    }

    /** JPEG 2000: OpenJPEG encodes the first frame losslessly; dump2dcm wraps the codestream as encapsulated data. */
    private static void jpeg2000(Image image, Path pixels, Path dump, Path folder, Path file) throws IOException {
        Path pgm = folder.resolve(image.sopInstanceUid() + ".pgm");
        byte[] raw = Files.readAllBytes(pixels);
        int frameBytes = image.rows() * image.columns() * (image.bits() == 8 ? 1 : 2);
        ByteBuffer bigEndian = ByteBuffer.allocate(frameBytes);
        ByteBuffer little = ByteBuffer.wrap(raw, 0, frameBytes).order(ByteOrder.LITTLE_ENDIAN);
        if (image.bits() == 8) {
            bigEndian.put(raw, 0, frameBytes);
        } else {
            while (little.hasRemaining()) {
                bigEndian.putShort(little.getShort());
            }
        }
        String header = "P5\n" + image.columns() + " " + image.rows() + "\n" + (image.bits() == 8 ? 255 : 4095) + "\n";
        try (var out = Files.newOutputStream(pgm)) {
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            out.write(bigEndian.array());
        }
        Path codestream = folder.resolve(image.sopInstanceUid() + ".j2k");
        Dcmtk.ok("opj_compress", "-i", pgm.toString(), "-o", codestream.toString());
        String encapsulated = Files.readString(dump).replaceAll("\\(7fe0,0010\\).*\\n", "")
                + "(0002,0010) UI =JPEG2000LosslessOnly\n"
                + "(7fe0,0010) OB (PixelSequence #=2)\n"
                + "(fffe,e000) pi (no value available)\n"
                + "(fffe,e000) pi =" + codestream + "\n"
                + "(fffe,e0dd) na (SequenceDelimitationItem)\n";
        Files.writeString(dump, encapsulated, StandardCharsets.UTF_8);
        Dcmtk.ok("dump2dcm", "--write-xfer-same", dump.toString(), file.toString());
        Files.deleteIfExists(pgm);
        Files.deleteIfExists(codestream);
    }

    private static void line(StringBuilder dump, String tag, String vr, String value) {
        dump.append('(').append(tag).append(") ").append(vr).append(" [").append(value).append("]\n");
    }

    /** A 64x64 PALETTE COLOR secondary capture: a diagonal ramp through a red-to-blue palette of 256 16-bit entries. */
    public static Path palette(Path folder) {
        try {
            return writePalette(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writePalette(Path folder) throws IOException {
        Path pixels = folder.resolve("palette.raw");
        byte[] values = new byte[64 * 64];
        for (int i = 0; i < values.length; i++) {
            values[i] = (byte) ((i / 64 + i % 64) * 2);
        }
        Files.write(pixels, values);
        java.util.StringJoiner red = new java.util.StringJoiner("\\");
        java.util.StringJoiner green = new java.util.StringJoiner("\\");
        java.util.StringJoiner blue = new java.util.StringJoiner("\\");
        for (int i = 0; i < 256; i++) {
            red.add(String.format("%04x", i * 257));
            green.add("0000");
            blue.add(String.format("%04x", (255 - i) * 257));
        }
        String dump = String.join("\n",
                "(0008,0016) UI [" + SECONDARY_CAPTURE + "]",
                "(0008,0018) UI [" + uid() + "]",
                "(0008,0060) CS [OT]",
                "(0010,0020) LO [MRN-PALETTE]",
                "(0020,000d) UI [" + uid() + "]",
                "(0020,000e) UI [" + uid() + "]",
                "(0028,0002) US 1",
                "(0028,0004) CS [PALETTE COLOR]",
                "(0028,0010) US 64",
                "(0028,0011) US 64",
                "(0028,0100) US 8",
                "(0028,0101) US 8",
                "(0028,0102) US 7",
                "(0028,0103) US 0",
                "(0028,1101) US 256\\0\\16",
                "(0028,1102) US 256\\0\\16",
                "(0028,1103) US 256\\0\\16",
                "(0028,1201) OW " + red,
                "(0028,1202) OW " + green,
                "(0028,1203) OW " + blue,
                "(7fe0,0010) OB =" + pixels, "");
        Path text = folder.resolve("palette.dump");
        Files.writeString(text, dump, StandardCharsets.US_ASCII);
        Path file = folder.resolve(uid() + "-palette.dcm");
        Dcmtk.ok("dump2dcm", "--write-xfer-little", text.toString(), file.toString());
        return file;
    }
}
