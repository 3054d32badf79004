package org.onecity.imaging.dicom;

/**
 * An instance the service will not store, with the DICOM status and the reason the sender is told
 * (C-STORE Error Comment, STOW-RS Failure Reason and warning). Nothing was stored.
 */
public class Refused extends RuntimeException {

    private final int status;

    public Refused(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public static Refused cannotUnderstand(String reason) {
        return new Refused(DicomStatus.CANNOT_UNDERSTAND, reason);
    }

    public int status() {
        return status;
    }
}
