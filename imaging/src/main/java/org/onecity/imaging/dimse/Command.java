package org.onecity.imaging.dimse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DIMSE command set (PS3.7 9.3, E): group 0000 elements, always implicit VR little endian. Decoded from the
 * received command fragments and encoded for responses, error comment included — PixelMed's own response messages
 * carry no status other than success.
 */
final class Command {

    static final int AFFECTED_SOP_CLASS_UID = 0x00000002;
    static final int COMMAND_FIELD = 0x00000100;
    static final int MESSAGE_ID = 0x00000110;
    static final int MESSAGE_ID_BEING_RESPONDED_TO = 0x00000120;
    static final int MOVE_DESTINATION = 0x00000600;
    static final int PRIORITY = 0x00000700;
    static final int COMMAND_DATA_SET_TYPE = 0x00000800;
    static final int STATUS = 0x00000900;
    static final int ERROR_COMMENT = 0x00000902;
    static final int AFFECTED_SOP_INSTANCE_UID = 0x00001000;
    static final int REMAINING = 0x00001020;
    static final int COMPLETED = 0x00001021;
    static final int FAILED = 0x00001022;
    static final int WARNING = 0x00001023;
    static final int MOVE_ORIGINATOR_AE_TITLE = 0x00001030;
    static final int MOVE_ORIGINATOR_MESSAGE_ID = 0x00001031;

    static final int C_STORE_RQ = 0x0001;
    static final int C_GET_RQ = 0x0010;
    static final int C_FIND_RQ = 0x0020;
    static final int C_MOVE_RQ = 0x0021;
    static final int C_ECHO_RQ = 0x0030;
    static final int C_CANCEL_RQ = 0x0FFF;
    static final int RESPONSE = 0x8000;
    static final int NO_DATA_SET = 0x0101;
    static final int DATA_SET_PRESENT = 0x0000;

    private final Map<Integer, byte[]> elements;

    private Command(Map<Integer, byte[]> elements) {
        this.elements = elements;
    }

    static Command decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        Map<Integer, byte[]> elements = new TreeMap<>(Integer::compareUnsigned);
        while (in.remaining() >= 8) {
            int tag = (in.getShort() & 0xFFFF) << 16 | (in.getShort() & 0xFFFF);
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw new IllegalArgumentException("Malformed command set at element " + String.format("%08X", tag));
            }
            byte[] value = new byte[length];
            in.get(value);
            elements.put(tag, value);
        }
        return new Command(elements);
    }

    int commandField() {
        return unsignedShort(COMMAND_FIELD);
    }

    int messageId() {
        return unsignedShort(MESSAGE_ID);
    }

    boolean hasDataSet() {
        return unsignedShort(COMMAND_DATA_SET_TYPE) != NO_DATA_SET;
    }

    String string(int tag) {
        byte[] value = elements.get(tag);
        return value == null ? null : new String(value, StandardCharsets.US_ASCII).replace("\0", "").trim();
    }

    int unsignedShort(int tag) {
        byte[] value = elements.get(tag);
        if (value == null || value.length < 2) {
            return -1;
        }
        return ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
    }

    /** A response command set to build. */
    static Builder response(int requestField, int respondedTo, String sopClassUid) {
        return new Builder().unsignedShort(COMMAND_FIELD, requestField | RESPONSE)
                .unsignedShort(MESSAGE_ID_BEING_RESPONDED_TO, respondedTo)
                .uid(AFFECTED_SOP_CLASS_UID, sopClassUid)
                .unsignedShort(COMMAND_DATA_SET_TYPE, NO_DATA_SET);
    }

    /** A request command set to build. */
    static Builder request(int field, int messageId, String sopClassUid) {
        return new Builder().unsignedShort(COMMAND_FIELD, field).unsignedShort(MESSAGE_ID, messageId)
                .uid(AFFECTED_SOP_CLASS_UID, sopClassUid).unsignedShort(COMMAND_DATA_SET_TYPE, NO_DATA_SET);
    }

    static final class Builder {
        private final Map<Integer, byte[]> elements = new TreeMap<>(Integer::compareUnsigned);

        Builder unsignedShort(int tag, int value) {
            elements.put(tag, ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value).array());
            return this;
        }

        Builder uid(int tag, String uid) {
            if (uid != null) {
                elements.put(tag, padded(uid, (byte) 0));
            }
            return this;
        }

        Builder text(int tag, String text) {
            if (text != null) {
                // Error Comment is LO: at most 64 characters, ASCII here
                String value = text.length() > 64 ? text.substring(0, 64) : text;
                elements.put(tag, padded(value.replaceAll("[^\\x20-\\x7E]", "?"), (byte) ' '));
            }
            return this;
        }

        Builder status(int status) {
            return unsignedShort(STATUS, status);
        }

        Builder withDataSet() {
            return unsignedShort(COMMAND_DATA_SET_TYPE, DATA_SET_PRESENT);
        }

        byte[] encode() {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (var element : elements.entrySet()) {
                write(body, element.getKey(), element.getValue());
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            write(all, 0x00000000, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.size()).array());
            all.writeBytes(body.toByteArray());
            return all.toByteArray();
        }

        private static void write(ByteArrayOutputStream out, int tag, byte[] value) {
            ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            header.putShort((short) (tag >>> 16)).putShort((short) tag).putInt(value.length);
            out.writeBytes(header.array());
            out.writeBytes(value);
        }
    }

    /** An ASCII value padded to even length (PS3.5 6.2): UIDs with a NUL, text with a space. */
    static byte[] padded(String value, byte pad) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length % 2 == 0) {
            return bytes;
        }
        byte[] even = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        even[bytes.length] = pad;
        return even;
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        elements.keySet().forEach(tag -> shown.put(String.format("%08X", tag), String.valueOf(elements.get(tag).length)));
        return "Command" + shown;
    }
}
