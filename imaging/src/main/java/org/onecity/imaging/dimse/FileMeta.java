package org.onecity.imaging.dimse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The preamble and File Meta Information (PS3.10 7.1) that turn a data set received over the network into a Part 10
 * object, written before the data set's bytes as they arrive. Explicit VR little endian, as the standard requires.
 */
final class FileMeta {

    /** OneCity's implementation class UID, under the UUID-derived root 2.25 (PS3.5 B.2). */
    static final String IMPLEMENTATION_CLASS_UID = "2.25.119834112457216283650128311716430905021";
    static final String IMPLEMENTATION_VERSION = "ONECITY_1";

    private FileMeta() {
    }

    static void write(OutputStream out, String sopClassUid, String sopInstanceUid, String transferSyntax,
                      String sourceAeTitle) throws IOException {
        ByteArrayOutputStream group = new ByteArrayOutputStream();
        element(group, 0x0001, "OB", new byte[] {0, 1});
        element(group, 0x0002, "UI", text(sopClassUid, (byte) 0));
        element(group, 0x0003, "UI", text(sopInstanceUid, (byte) 0));
        element(group, 0x0010, "UI", text(transferSyntax, (byte) 0));
        element(group, 0x0012, "UI", text(IMPLEMENTATION_CLASS_UID, (byte) 0));
        element(group, 0x0013, "SH", text(IMPLEMENTATION_VERSION, (byte) ' '));
        if (sourceAeTitle != null && !sourceAeTitle.isBlank()) {
            element(group, 0x0016, "AE", text(sourceAeTitle.trim(), (byte) ' '));
        }
        out.write(new byte[128]);
        out.write("DICM".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream length = new ByteArrayOutputStream();
        element(length, 0x0000, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(group.size()).array());
        out.write(length.toByteArray());
        out.write(group.toByteArray());
    }

    private static void element(ByteArrayOutputStream out, int element, String vr, byte[] value) {
        ByteBuffer header = ByteBuffer.allocate(vr.equals("OB") ? 12 : 8).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0x0002).putShort((short) element);
        header.put(vr.getBytes(StandardCharsets.US_ASCII));
        if (vr.equals("OB")) {
            header.putShort((short) 0).putInt(value.length);
        } else {
            header.putShort((short) value.length);
        }
        out.writeBytes(header.array());
        out.writeBytes(value);
    }

    private static byte[] text(String value, byte pad) {
        return Command.padded(value, pad);
    }
}
