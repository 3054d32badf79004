package org.onecity.imaging.dimse;

/**
 * The outcome of one C-STORE sub-operation of a C-MOVE or C-GET: the receiver's status, or a failure the archive
 * met before it could send (with its reason).
 */
record SubOperation(String sopInstanceUid, int status, String reason) {

    /** Failure: unable to process (the archive could not read, decode or send the object). */
    static final int UNABLE_TO_SEND = 0xC000;

    static SubOperation notSent(String sopInstanceUid, String reason) {
        return new SubOperation(sopInstanceUid, UNABLE_TO_SEND, reason);
    }

    boolean succeeded() {
        return status == 0;
    }

    /** Warnings (PS3.4 B.2.3): coercion of data elements, elements discarded, data set does not match. */
    boolean warned() {
        return status == 0xB000 || status == 0xB006 || status == 0xB007;
    }

    boolean failed() {
        return !succeeded() && !warned();
    }
}
