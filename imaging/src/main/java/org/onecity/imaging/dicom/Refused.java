package org.onecity.imaging.dicom;

/**
 * An instance the service will not store, with the DICOM status and the reason the sender is told
 * (C-STORE Error Comment, STOW-RS Failure Reason and warning). Nothing was stored.
 */
public class Refused extends RuntimeException {

    private final int status;
    private final String sopClassUid;
    private final String sopInstanceUid;

    public Refused(int status, String reason) {
        this(status, reason, null, null);
    }

    private Refused(int status, String reason, String sopClassUid, String sopInstanceUid) {
        super(reason);
        this.status = status;
        this.sopClassUid = sopClassUid;
        this.sopInstanceUid = sopInstanceUid;
    }

    /** The same refusal naming the instance, for a STOW-RS Failed SOP Sequence item; unchanged if it names one. */
    public Refused about(String sopClassUid, String sopInstanceUid) {
        if (this.sopClassUid != null || this.sopInstanceUid != null) {
            return this;
        }
        return new Refused(status, getMessage(), sopClassUid, sopInstanceUid);
    }

    /** The refused instance's SOP Class UID, when its header said it; else null. */
    public String sopClassUid() {
        return sopClassUid;
    }

    /** The refused instance's SOP Instance UID, when its header said it; else null. */
    public String sopInstanceUid() {
        return sopInstanceUid;
    }

    public static Refused cannotUnderstand(String reason) {
        return new Refused(DicomStatus.CANNOT_UNDERSTAND, reason);
    }

    public int status() {
        return status;
    }
}
