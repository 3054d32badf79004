package org.onecity.imaging.dicom;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the pixel data of a stored object lies, found by walking its element header and, when encapsulated, its
 * items by seeking over them: the pixel data is never read into memory. Finding the end proves the object is whole
 * (a truncated upload ends before it).
 *
 * @param valueOffset offset of the pixel data value (native) or of the first item (encapsulated)
 * @param length      the value length, or -1 when encapsulated
 * @param fragments   the encapsulated fragments after the basic offset table, as offset/length pairs
 */
public record PixelDataExtent(long valueOffset, long length, List<long[]> fragments) {

    private static final int ITEM = 0xFFFEE000;
    private static final int SEQUENCE_DELIMITER = 0xFFFEE0DD;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    public boolean encapsulated() {
        return length < 0;
    }

    /**
     * @param elementOffset where the Pixel Data element (7FE0,0010) starts in the file
     * @param explicitVr    whether the data set is encoded with explicit VR (always little endian here)
     * @throws Truncated when the object ends before its pixel data does
     */
    public static PixelDataExtent walk(Path file, long elementOffset, boolean explicitVr) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long size = in.length();
            in.seek(elementOffset + 4);
            long length;
            if (explicitVr) {
                byte[] vr = new byte[2];
                in.readFully(vr);
                String name = new String(vr, java.nio.charset.StandardCharsets.US_ASCII);
                length = switch (name) {
                    case "OB", "OW", "OF", "OD", "OL", "OV", "UN", "SQ", "UT", "UC", "UR" -> {
                        in.skipBytes(2);
                        yield uint32(in);
                    }
                    default -> uint16(in);
                };
            } else {
                length = uint32(in);
            }
            long valueOffset = in.getFilePointer();
            if (length != UNDEFINED) {
                if (valueOffset + length > size) {
                    throw new Truncated("the object ends " + (valueOffset + length - size)
                            + " bytes before the end of its pixel data");
                }
                return new PixelDataExtent(valueOffset, length, List.of());
            }
            List<long[]> fragments = new ArrayList<>();
            boolean offsetTable = true;
            long position = valueOffset;
            while (true) {
                if (position + 8 > size) {
                    throw new Truncated("the encapsulated pixel data ends without its sequence delimiter");
                }
                in.seek(position);
                int tag = tag(in);
                long itemLength = uint32(in);
                if (tag == SEQUENCE_DELIMITER) {
                    return new PixelDataExtent(valueOffset, -1, List.copyOf(fragments));
                }
                if (tag != ITEM || itemLength == UNDEFINED) {
                    throw new Truncated("the encapsulated pixel data is malformed at byte " + position);
                }
                if (position + 8 + itemLength > size) {
                    throw new Truncated("the object ends inside a pixel data fragment");
                }
                if (!offsetTable) {
                    fragments.add(new long[] {position + 8, itemLength});
                }
                offsetTable = false;
                position += 8 + itemLength;
            }
        }
    }

    private static int tag(RandomAccessFile in) throws IOException {
        int group = uint16(in);
        int element = uint16(in);
        return (group << 16) | element;
    }

    private static int uint16(RandomAccessFile in) throws IOException {
        byte[] b = new byte[2];
        in.readFully(b);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
    }

    private static long uint32(RandomAccessFile in) throws IOException {
        byte[] b = new byte[4];
        in.readFully(b);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
    }

    /** The object ends before its pixel data does. */
    public static final class Truncated extends IOException {
        public Truncated(String message) {
            super(message);
        }
    }
}
