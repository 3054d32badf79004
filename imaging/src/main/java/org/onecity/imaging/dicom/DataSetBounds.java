package org.onecity.imaging.dicom;

import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Walks a DICOM object's element headers, up to its pixel data, before any toolkit reads it, and refuses it unless
 * every declared length fits in what remains of its container (the file, the sequence, the item) and under a cap,
 * every undefined length belongs to a sequence that is closed, and nesting stays shallow. A toolkit reads a value
 * into memory on the strength of its declared length; a file that lies about a length would otherwise have the
 * service allocate what it declares. The walk reads headers only and keeps nothing.
 */
public final class DataSetBounds {

    /** What the walk found: the transfer syntax and how many bytes come before the pixel data (read into memory). */
    public record Walked(String transferSyntax, long headerBytes) {
    }

    private static final String DEFLATED = "1.2.840.10008.1.2.1.99";
    private static final String IMPLICIT_LITTLE = "1.2.840.10008.1.2";
    private static final String EXPLICIT_BIG = "1.2.840.10008.1.2.2";
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITER = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITER = 0xFFFEE0DD;
    private static final int PIXEL_DATA = 0x7FE00010;
    private static final int SOP_CLASS_UID = 0x00080016;
    private static final int SOP_INSTANCE_UID = 0x00080018;
    private static final int MAX_DEPTH = 16;
    /** A deflated data set may not inflate to more than this many times its size before its pixel data. */
    private static final int MAX_INFLATION = 64;

    private final long maxValueBytes;

    /** @param maxValueBytes the longest value read into memory, pixel data aside */
    public DataSetBounds(long maxValueBytes) {
        this.maxValueBytes = maxValueBytes;
    }

    /** A Part 10 file: preamble, "DICM", File Meta Information, then the data set in its transfer syntax. */
    public Walked checkFile(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            long size = Files.size(file);
            byte[] preamble = raw.readNBytes(132);
            if (preamble.length < 132 || !"DICM".equals(new String(preamble, 128, 4, StandardCharsets.US_ASCII))) {
                throw Refused.cannotUnderstand("Not a readable DICOM object: no preamble and DICM prefix, "
                        + "so no File Meta Information tells how it is encoded");
            }
            Cursor meta = new Cursor(raw, 132, size, false, true);
            String transferSyntax = walkMeta(meta);
            if (DEFLATED.equals(transferSyntax)) {
                long compressed = size - meta.position;
                InputStream inflated = new BufferedInputStream(new InflaterInputStream(raw, new Inflater(true), 16 * 1024));
                Cursor data = new Cursor(inflated, 0, Math.max(1, compressed) * MAX_INFLATION, false, true);
                data.deflated = true;
                walkNaming(data, data.limit);
                return new Walked(transferSyntax, meta.position + data.position);
            }
            Cursor data = new Cursor(raw, meta.position, size, EXPLICIT_BIG.equals(transferSyntax),
                    !IMPLICIT_LITTLE.equals(transferSyntax));
            walkNaming(data, size);
            return new Walked(transferSyntax, data.position);
        } catch (IOException e) {
            throw Refused.cannotUnderstand("Truncated object: " + describe(e));
        }
    }

    /** A data set held in memory (a C-FIND or C-MOVE identifier), in a known transfer syntax. */
    public void checkDataSet(byte[] dataSet, String transferSyntax) {
        try {
            Cursor data = new Cursor(new ByteArrayInputStream(dataSet), 0, dataSet.length,
                    EXPLICIT_BIG.equals(transferSyntax), !IMPLICIT_LITTLE.equals(transferSyntax));
            walk(data, dataSet.length, 0, false);
        } catch (IOException e) {
            throw Refused.cannotUnderstand("Truncated data set: " + describe(e));
        }
    }

    private String walkMeta(Cursor meta) throws IOException {
        String transferSyntax = null;
        while (true) {
            meta.mark();
            int tag = meta.tagOrEnd();
            if (tag == -1 || (tag >>> 16) != 0x0002) {
                meta.reset();
                break;
            }
            Header header = header(meta, tag);
            if (header.length == UNDEFINED || header.length > 1024 * 1024 || header.length > meta.limit - meta.position) {
                throw Refused.cannotUnderstand("File Meta Information element " + tagName(tag) + " declares "
                        + lengthText(header.length) + " bytes, more than the object holds");
            }
            byte[] value = meta.read((int) header.length);
            if (tag == 0x00020010) {
                transferSyntax = new String(value, StandardCharsets.US_ASCII).replace("\0", "").strip();
            }
        }
        if (transferSyntax == null || transferSyntax.isEmpty()) {
            throw Refused.cannotUnderstand("Not a DICOM Part 10 object: no File Meta Information with a Transfer Syntax UID");
        }
        return transferSyntax;
    }

    /** The top-level walk; a refusal names the instance when its SOP Class and Instance UIDs came before the fault. */
    private void walkNaming(Cursor data, long end) throws IOException {
        try {
            walk(data, end, 0, true);
        } catch (Refused refused) {
            throw refused.about(data.sopClassUid, data.sopInstanceUid);
        } catch (IOException e) {
            throw Refused.cannotUnderstand("Truncated object: " + describe(e)).about(data.sopClassUid, data.sopInstanceUid);
        }
    }

    /** Elements until {@code end}, the end of the stream, or (at the top) the pixel data. */
    private void walk(Cursor in, long end, int depth, boolean topLevel) throws IOException {
        while (in.position < end) {
            in.mark();
            int tag = in.tagOrEnd();
            if (tag == -1) {
                if (in.deflated || end == in.limit) {
                    return;
                }
                throw new EOFException("the object ends inside an element");
            }
            if (tag == PIXEL_DATA && topLevel) {
                in.reset();
                return;
            }
            if (tag == ITEM_DELIMITER) {
                in.reset();
                return; // the caller reads the delimiter of the item it walks
            }
            Header header = header(in, tag);
            if (header.length == UNDEFINED) {
                if (tag == PIXEL_DATA) {
                    fragments(in);
                } else if ("UN".equals(header.vr) && in.explicit) {
                    // an unknown element of undefined length is a sequence encoded in implicit VR (PS3.5 6.2.2)
                    in.explicit = false;
                    items(in, Long.MAX_VALUE, depth + 1, tag);
                    in.explicit = true;
                } else if (header.sequence()) {
                    items(in, Long.MAX_VALUE, depth + 1, tag);
                } else {
                    throw Refused.cannotUnderstand("Element " + tagName(tag) + " has an undefined length but is not a "
                            + "sequence");
                }
                continue;
            }
            if (header.length > end - in.position) {
                throw Refused.cannotUnderstand("Element " + tagName(tag) + " declares " + header.length
                        + " bytes, but only " + Math.max(0, end - in.position) + " remain where it is");
            }
            if (header.sequence()) {
                items(in, in.position + header.length, depth + 1, tag);
            } else if (topLevel && (tag == SOP_CLASS_UID || tag == SOP_INSTANCE_UID) && header.length <= 64) {
                String uid = new String(in.read((int) header.length), StandardCharsets.US_ASCII).replace("\0", "").strip();
                if (tag == SOP_CLASS_UID) {
                    in.sopClassUid = uid;
                } else {
                    in.sopInstanceUid = uid;
                }
            } else {
                if (header.length > maxValueBytes && tag != PIXEL_DATA) {
                    throw Refused.cannotUnderstand("Element " + tagName(tag) + " declares " + header.length
                            + " bytes, more than the " + maxValueBytes + " the city store reads into memory");
                }
                in.skip(header.length);
            }
        }
        if (in.position > end) {
            throw Refused.cannotUnderstand("An element runs past the end of the sequence or item that holds it");
        }
    }

    /** The items of a sequence, until {@code end} (defined length) or the sequence delimiter (undefined). */
    private void items(Cursor in, long end, int depth, int sequenceTag) throws IOException {
        if (depth > MAX_DEPTH) {
            throw Refused.cannotUnderstand("Sequences nest deeper than " + MAX_DEPTH + " levels at " + tagName(sequenceTag));
        }
        boolean undefined = end == Long.MAX_VALUE;
        while (!undefined && in.position < end || undefined) {
            int tag = in.tagOrEnd();
            if (tag == -1) {
                throw new EOFException("the sequence " + tagName(sequenceTag) + " is never closed");
            }
            long length = in.uint32();
            if (tag == SEQUENCE_DELIMITER) {
                if (!undefined) {
                    throw Refused.cannotUnderstand("A sequence delimiter ends the defined-length sequence " + tagName(sequenceTag));
                }
                return;
            }
            if (tag != ITEM) {
                throw Refused.cannotUnderstand("The sequence " + tagName(sequenceTag) + " holds " + tagName(tag)
                        + " where an item belongs");
            }
            if (length == UNDEFINED) {
                walk(in, undefined ? in.limit : end, depth, false);
                int delimiter = in.tagOrEnd();
                long zero = in.uint32();
                if (delimiter != ITEM_DELIMITER || zero != 0) {
                    throw Refused.cannotUnderstand("An item of " + tagName(sequenceTag) + " is never closed");
                }
            } else {
                long room = (undefined ? in.limit : end) - in.position;
                if (length > room) {
                    throw Refused.cannotUnderstand("An item of " + tagName(sequenceTag) + " declares " + length
                            + " bytes, but only " + Math.max(0, room) + " remain");
                }
                walk(in, in.position + length, depth, false);
            }
        }
        if (in.position != end) {
            throw Refused.cannotUnderstand("The items of " + tagName(sequenceTag) + " run past its declared length");
        }
    }

    /** Encapsulated pixel data (an icon's, nested): fragments of defined length until the sequence delimiter. */
    private static void fragments(Cursor in) throws IOException {
        while (true) {
            int tag = in.tagOrEnd();
            if (tag == -1) {
                throw new EOFException("the encapsulated pixel data is never closed");
            }
            long length = in.uint32();
            if (tag == SEQUENCE_DELIMITER) {
                return;
            }
            if (tag != ITEM || length == UNDEFINED || length > in.limit - in.position) {
                throw Refused.cannotUnderstand("The encapsulated pixel data is malformed");
            }
            in.skip(length);
        }
    }

    private record Header(String vr, long length) {
        /** A sequence; in implicit VR, an element of undefined length the dictionary does not know is one too. */
        boolean sequence() {
            return "SQ".equals(vr) || length == UNDEFINED && ("UN".equals(vr) || "UN?".equals(vr));
        }
    }

    private static Header header(Cursor in, int tag) throws IOException {
        if (!in.explicit || (tag >>> 16) == 0xFFFE) {
            long length = in.uint32();
            return new Header(implicitVr(tag), length);
        }
        String vr = new String(in.read(2), StandardCharsets.US_ASCII);
        return switch (vr) {
            case "OB", "OW", "OF", "OD", "OL", "OV", "SQ", "UT", "UN", "UC", "UR", "SV", "UV" -> {
                in.skip(2);
                yield new Header(vr, in.uint32());
            }
            default -> {
                if (!vr.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
                    throw Refused.cannotUnderstand("Element " + tagName(tag) + " has no valid VR (" + hex(vr) + ")");
                }
                yield new Header(vr, in.uint16());
            }
        };
    }

    /** In implicit VR the dictionary says which elements are sequences; an unknown one is read as opaque bytes. */
    private static String implicitVr(int tag) {
        byte[] vr = DicomDictionary.StandardDictionary.getValueRepresentationFromTag(new AttributeTag(tag >>> 16, tag & 0xFFFF));
        return vr == null ? "UN?" : new String(vr, StandardCharsets.US_ASCII);
    }

    private static String tagName(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    private static String hex(String text) {
        return Arrays.toString(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String lengthText(long length) {
        return length == UNDEFINED ? "an undefined number of" : String.valueOf(length);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A stream read forward with its position counted, in the data set's byte order. */
    private static final class Cursor {
        /** The instance's UIDs as the walk passed them, to name it in a refusal. */
        private String sopClassUid;
        private String sopInstanceUid;
        private final InputStream in;
        private final long limit;
        private final boolean bigEndian;
        private boolean explicit;
        private long position;
        private long marked;
        private boolean deflated;
        private final byte[] buffer = new byte[8];

        Cursor(InputStream in, long position, long limit, boolean bigEndian, boolean explicit) {
            this.in = in;
            this.position = position;
            this.limit = limit;
            this.bigEndian = bigEndian;
            this.explicit = explicit;
        }

        void mark() {
            in.mark(8);
            marked = position;
        }

        void reset() throws IOException {
            in.reset();
            position = marked;
        }

        /** The next tag, or -1 at the end of the stream. */
        int tagOrEnd() throws IOException {
            int first = in.read();
            if (first < 0) {
                return -1;
            }
            buffer[0] = (byte) first;
            readFully(buffer, 1, 3);
            position += 4;
            int group = bigEndian ? ((buffer[0] & 0xFF) << 8) | (buffer[1] & 0xFF) : ((buffer[1] & 0xFF) << 8) | (buffer[0] & 0xFF);
            int element = bigEndian ? ((buffer[2] & 0xFF) << 8) | (buffer[3] & 0xFF) : ((buffer[3] & 0xFF) << 8) | (buffer[2] & 0xFF);
            return (group << 16) | element;
        }

        long uint32() throws IOException {
            readFully(buffer, 0, 4);
            position += 4;
            return bigEndian
                    ? ((buffer[0] & 0xFFL) << 24) | ((buffer[1] & 0xFFL) << 16) | ((buffer[2] & 0xFFL) << 8) | (buffer[3] & 0xFFL)
                    : ((buffer[3] & 0xFFL) << 24) | ((buffer[2] & 0xFFL) << 16) | ((buffer[1] & 0xFFL) << 8) | (buffer[0] & 0xFFL);
        }

        int uint16() throws IOException {
            readFully(buffer, 0, 2);
            position += 2;
            return bigEndian ? ((buffer[0] & 0xFF) << 8) | (buffer[1] & 0xFF) : ((buffer[1] & 0xFF) << 8) | (buffer[0] & 0xFF);
        }

        byte[] read(int length) throws IOException {
            byte[] value = in.readNBytes(length);
            if (value.length < length) {
                throw new EOFException("the object ends inside a value");
            }
            position += length;
            return value;
        }

        void skip(long length) throws IOException {
            long left = length;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("the object ends inside a value");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
            position += length;
            if (deflated && position > limit) {
                throw Refused.cannotUnderstand("The deflated data set inflates to more than " + MAX_INFLATION
                        + " times its size before its pixel data");
            }
        }

        private void readFully(byte[] into, int offset, int length) throws IOException {
            int read = in.readNBytes(into, offset, length);
            if (read < length) {
                throw new EOFException("the object ends inside an element header");
            }
        }
    }
}
