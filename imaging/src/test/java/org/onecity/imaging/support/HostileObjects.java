package org.onecity.imaging.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Damaged and hostile DICOM objects made from a good one, the way broken exporters and attackers make them: no File
 * Meta Information, lengths that lie, undefined lengths never closed, sequences nested without end, values too large
 * to hold, invalid VRs, truncations at every kind of place, and a deflated data set that inflates without end.
 */
public final class HostileObjects {

    private HostileObjects() {
    }

    /** Each hostile variant of a good explicit-VR little-endian Part 10 file, by what is wrong with it. */
    public static Map<String, byte[]> of(Path goodFile) {
        byte[] good = read(goodFile);
        int dataSet = dataSetStart(good);
        byte[] meta = Arrays.copyOf(good, dataSet);
        byte[] data = Arrays.copyOfRange(good, dataSet, good.length);
        Map<String, byte[]> hostile = new LinkedHashMap<>();
        hostile.put("no File Meta Information (a bare data set)", data);
        hostile.put("a value declaring 2 GB more than the object holds",
                concat(meta, element(0x0009, 0x1001, "OB", 0x7FFFFFF0L, new byte[16]), data));
        hostile.put("an undefined length on a value that is not a sequence",
                concat(meta, element(0x0009, 0x1001, "OB", 0xFFFFFFFFL, new byte[16]), data));
        hostile.put("a sequence of undefined length never closed",
                concat(meta, element(0x0008, 0x1115, "SQ", 0xFFFFFFFFL, item(0xFFFFFFFFL, new byte[0])), data));
        hostile.put("an item declaring more than its sequence holds",
                concat(meta, element(0x0008, 0x1115, "SQ", 8, item(4096, new byte[0])), data));
        hostile.put("sequences nested two hundred deep", concat(meta, nested(200), data));
        hostile.put("a value larger than the city store reads into memory",
                concat(meta, element(0x0009, 0x1001, "OB", 20L * 1024 * 1024, new byte[20 * 1024 * 1024]), data));
        hostile.put("an invalid VR", concat(meta, invalidVr(), data));
        hostile.put("cut inside the File Meta Information", Arrays.copyOf(good, 140));
        hostile.put("cut inside an element header", Arrays.copyOf(good, dataSet + 5));
        hostile.put("cut inside a value", Arrays.copyOf(good, dataSet + 40));
        hostile.put("a deflated data set that inflates without end", deflateBomb());
        hostile.put("the DICM prefix and nothing else", Arrays.copyOf(good, 132));
        return hostile;
    }

    /** Where the data set starts: after the preamble, DICM and the File Meta Information group. */
    public static int dataSetStart(byte[] part10) {
        ByteBuffer buffer = ByteBuffer.wrap(part10).order(ByteOrder.LITTLE_ENDIAN);
        int position = 132;
        while (position + 8 <= part10.length && buffer.getShort(position) == 0x0002) {
            String vr = new String(part10, position + 4, 2, StandardCharsets.US_ASCII);
            if (vr.equals("OB") || vr.equals("UN") || vr.equals("SQ") || vr.equals("UT")) {
                position += 12 + buffer.getInt(position + 8);
            } else {
                position += 8 + (buffer.getShort(position + 6) & 0xFFFF);
            }
        }
        return position;
    }

    /** An explicit VR little-endian element with the given declared length and value bytes. */
    public static byte[] element(int group, int element, String vr, long declaredLength, byte[] value) {
        boolean longForm = Arrays.asList("OB", "OW", "SQ", "UN", "UT", "OF", "OD", "OL", "UC", "UR").contains(vr);
        ByteBuffer header = ByteBuffer.allocate(longForm ? 12 : 8).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) group).putShort((short) element).put(vr.getBytes(StandardCharsets.US_ASCII));
        if (longForm) {
            header.putShort((short) 0).putInt((int) declaredLength);
        } else {
            header.putShort((short) declaredLength);
        }
        return concat(header.array(), value);
    }

    private static byte[] item(long declaredLength, byte[] content) {
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0xFFFE).putShort((short) 0xE000).putInt((int) declaredLength);
        return concat(header.array(), content);
    }

    private static byte[] nested(int depth) {
        byte[] inner = new byte[0];
        for (int level = 0; level < depth; level++) {
            byte[] itemBytes = item(inner.length, inner);
            inner = element(0x0008, 0x1115, "SQ", itemBytes.length, itemBytes);
        }
        return inner;
    }

    private static byte[] invalidVr() {
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0x0008).putShort((short) 0x0070).put(new byte[] {0x01, 0x7F}).putShort((short) 4);
        return concat(header.array(), "ACME".getBytes(StandardCharsets.US_ASCII));
    }

    /** A deflated data set whose one private value is 200 MB of zeros: a few hundred kilobytes on the wire. */
    private static byte[] deflateBomb() {
        byte[] meta = concat(new byte[128], "DICM".getBytes(StandardCharsets.US_ASCII),
                element(0x0002, 0x0010, "UI", 22, "1.2.840.10008.1.2.1.99".getBytes(StandardCharsets.US_ASCII)));
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(compressed, new Deflater(9, true))) {
            deflate.write(element(0x0009, 0x1001, "OB", 200L * 1024 * 1024, new byte[0]));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 200; i++) {
                deflate.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return concat(meta, compressed.toByteArray());
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
