package org.onecity.imaging.support;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.TagFromName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The test files of pydicom, a public DICOM library (Debian's python3-pydicom, installed by deploy/prerequisites.sh):
 * real-world objects of many transfer syntaxes, modalities and defects. Copies get fresh UIDs, so that tests sharing
 * the index never meet each other's objects.
 */
public final class PydicomFiles {

    public static final Path FOLDER = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    private PydicomFiles() {
    }

    public static Path original(String name) {
        Path file = FOLDER.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: run deploy/prerequisites.sh (python3-pydicom)");
        }
        return file;
    }

    /** Every .dcm file of the corpus, by name. */
    public static List<String> all() {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".dcm")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy in the folder with new Study, Series and SOP Instance UIDs; a file dcmtk cannot rewrite (a defective
     * one) is copied as it is.
     */
    public static Path withNewUids(String name, Path folder) {
        try {
            Files.createDirectories(folder);
            Path copy = folder.resolve(name);
            Files.copy(original(name), copy);
            Dcmtk.Run run = Dcmtk.run("dcmodify", "-nb", "-gst", "-gse", "-gin", copy.toString());
            if (!run.succeeded()) {
                Files.copy(original(name), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy of the file in the folder with new series and instance UIDs, in the study given (or a new one), under the
     * Patient ID given.
     */
    public static Path copy(Path file, Path folder, String patientId, String studyUid) {
        try {
            Files.createDirectories(folder);
            Path copy = folder.resolve(TestImages.uid() + "-" + file.getFileName());
            Files.copy(file, copy);
            Dcmtk.ok(Dcmtk.command("dcmodify", "-nb", "-q", studyUid == null ? "-gst" : List.of("-i",
                    "(0020,000D)=" + studyUid), "-gse", "-gin", "-i", "(0010,0020)=" + patientId, copy));
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Breaks a JPEG 2000 object's codestream where a decoder must fail: its SIZ marker segment (image size and
     * components) becomes zeros, while the object's structure (items, lengths) stays whole, so the archive stores it.
     */
    public static void breakJpeg2000Codestream(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i + 3 < bytes.length; i++) {
                if ((bytes[i] & 0xFF) == 0xFF && (bytes[i + 1] & 0xFF) == 0x4F && (bytes[i + 2] & 0xFF) == 0xFF
                        && (bytes[i + 3] & 0xFF) == 0x51) {
                    java.util.Arrays.fill(bytes, i + 2, i + 40, (byte) 0);
                    Files.write(file, bytes);
                    return;
                }
            }
            throw new IllegalStateException(file + " holds no JPEG 2000 codestream");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The attributes of a Part 10 file up to its pixel data (PixelMed would decompress compressed pixel data). */
    public static AttributeList header(Path file) {
        try {
            AttributeList list = new AttributeList();
            list.read(file.toFile(), TagFromName.PixelData);
            return list;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The attributes of a native Part 10 file, pixel data included (test files are small). */
    public static AttributeList read(Path file) {
        try {
            AttributeList list = new AttributeList();
            list.read(file.toFile());
            return list;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The native pixel data of a file as little endian bytes, whatever its VR. */
    public static byte[] pixels(Path file) {
        return pixels(read(file));
    }

    public static byte[] pixels(AttributeList list) {
        try {
            Attribute pixels = list.get(TagFromName.PixelData);
            if (pixels instanceof OtherWordAttribute) {
                short[] words = pixels.getShortValues();
                ByteBuffer bytes = ByteBuffer.allocate(words.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                for (short word : words) {
                    bytes.putShort(word);
                }
                return bytes.array();
            }
            return pixels.getByteValues();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String value(AttributeList list, com.pixelmed.dicom.AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(list, tag);
    }
}
