package org.onecity.imaging.dicomweb;

/** A DICOMweb request refused with an HTTP status and the reason in words. */
class DicomWebProblem extends RuntimeException {

    private final int status;

    DicomWebProblem(int status, String reason) {
        super(reason);
        this.status = status;
    }

    int status() {
        return status;
    }
}
