package org.onecity.imaging.dicom;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A Deflated Explicit VR Little Endian object (PS3.5 A.5) inflated into the same object in Explicit VR Little
 * Endian: the File Meta Information copied with the transfer syntax changed, then the inflated data set. The archive
 * keeps the object as it came and this beside it, so that its pixel data can be found and read by range like any
 * other's. The inflated size is bounded: a small deflate bomb must not fill the spool.
 */
public final class DeflatedDataSet {

    public static final String DEFLATED = "1.2.840.10008.1.2.1.99";
    private static final String EXPLICIT_LITTLE = "1.2.840.10008.1.2.1";

    private DeflatedDataSet() {
    }

    /**
     * @param maxInflated the most bytes the data set may inflate to
     * @throws Refused when the meta group is malformed, the deflate stream broken or the data set too large
     */
    public static void inflate(InputStream part10, OutputStream out, long maxInflated) throws IOException {
        DataInputStream in = new DataInputStream(part10);
        byte[] preamble = new byte[132];
        in.readFully(preamble);
        byte[] groupLengthElement = new byte[12];
        in.readFully(groupLengthElement);
        long groupLength = ByteBuffer.wrap(groupLengthElement, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
        if (groupLength > 64 * 1024) {
            throw Refused.cannotUnderstand("The File Meta Information declares " + groupLength + " bytes");
        }
        byte[] group = new byte[(int) groupLength];
        in.readFully(group);
        byte[] meta = withExplicitLittleEndian(group);
        out.write(preamble);
        ByteBuffer length = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        length.putShort((short) 2).putShort((short) 0).put((byte) 'U').put((byte) 'L').putShort((short) 4)
                .putInt(meta.length);
        out.write(length.array());
        out.write(meta);
        InflaterInputStream inflated = new InflaterInputStream(in, new Inflater(true), 64 * 1024);
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try {
            for (int n; (n = inflated.read(buffer)) > 0; ) {
                total += n;
                if (total > maxInflated) {
                    throw Refused.cannotUnderstand("The deflated data set inflates to more than " + maxInflated + " bytes");
                }
                out.write(buffer, 0, n);
            }
        } catch (java.util.zip.ZipException e) {
            throw Refused.cannotUnderstand("The deflated data set is broken: " + e.getMessage());
        }
    }

    /** The meta group's elements after (0002,0000), with (0002,0010) Transfer Syntax UID made Explicit VR LE. */
    private static byte[] withExplicitLittleEndian(byte[] group) {
        ByteBuffer elements = ByteBuffer.wrap(group).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (elements.remaining() >= 8) {
            int start = elements.position();
            int group16 = elements.getShort() & 0xFFFF;
            int element = elements.getShort() & 0xFFFF;
            String vr = new String(new byte[] {elements.get(), elements.get()}, StandardCharsets.US_ASCII);
            long valueLength;
            if (vr.equals("OB") || vr.equals("OW") || vr.equals("UN") || vr.equals("SQ") || vr.equals("UT")) {
                elements.getShort();
                valueLength = elements.getInt() & 0xFFFFFFFFL;
            } else {
                valueLength = elements.getShort() & 0xFFFF;
            }
            if (group16 != 2 || valueLength > elements.remaining()) {
                throw Refused.cannotUnderstand("The File Meta Information is malformed");
            }
            int end = elements.position() + (int) valueLength;
            if (element == 0x0010) {
                byte[] uid = (EXPLICIT_LITTLE + "\0").getBytes(StandardCharsets.US_ASCII);
                ByteBuffer transferSyntax = ByteBuffer.allocate(8 + uid.length).order(ByteOrder.LITTLE_ENDIAN);
                transferSyntax.putShort((short) 2).putShort((short) 0x10).put((byte) 'U').put((byte) 'I')
                        .putShort((short) uid.length).put(uid);
                out.writeBytes(transferSyntax.array());
            } else {
                out.write(group, start, end - start);
            }
            elements.position(end);
        }
        return out.toByteArray();
    }
}
