package org.onecity.imaging.dimse;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * Reads the fixed part of an A-ASSOCIATE-RQ (PS3.8 9.3.2) to see who calls before the association is negotiated,
 * and answers an AE title the city does not know with A-ASSOCIATE-RJ "calling AE title not recognized".
 */
final class AssociationGate {

    /** PDU type, reserved, length, protocol version, reserved, called AE, calling AE, reserved. */
    private static final int FIXED_PART = 74;

    private AssociationGate() {
    }

    /** The calling AE title of an admitted association request, or null once a refused one has been answered. */
    record Admission(Socket socket, String callingAeTitle) {
    }

    static Admission admit(Socket socket, Predicate<String> knownCaller) throws IOException {
        byte[] fixed = new byte[FIXED_PART];
        new DataInputStream(socket.getInputStream()).readFully(fixed);
        if (fixed[0] != 0x01) {
            // not an association request: PixelMed will answer it as the protocol says
            return new Admission(new PeekedSocket(socket, fixed), null);
        }
        String calling = new String(fixed, 26, 16, StandardCharsets.US_ASCII).trim();
        if (!knownCaller.test(calling)) {
            OutputStream out = socket.getOutputStream();
            // A-ASSOCIATE-RJ: rejected-permanent (1), by the service user (1), calling AE title not recognized (3)
            out.write(new byte[] {0x03, 0, 0, 0, 0, 4, 0, 1, 1, 3});
            out.flush();
            socket.close();
            return null;
        }
        return new Admission(new PeekedSocket(socket, fixed), calling);
    }
}
