package org.onecity.imaging.dicom;

/** The DIMSE status codes this service answers with (PS3.4 B.2.3, PS3.7 C). */
public final class DicomStatus {

    public static final int SUCCESS = 0x0000;
    /** A different object under a SOP Instance UID already stored, refused by the duplicate policy. */
    public static final int DUPLICATE_SOP_INSTANCE = 0x0111;
    /** Refused: SOP Class not supported (PS3.7 C.5). */
    public static final int SOP_CLASS_NOT_SUPPORTED = 0x0122;
    public static final int OUT_OF_RESOURCES = 0xA700;
    public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    public static final int CANNOT_UNDERSTAND = 0xC000;
    /** C-FIND/C-MOVE: identifier does not match SOP class. */
    public static final int IDENTIFIER_DOES_NOT_MATCH = 0xA900;
    public static final int MOVE_DESTINATION_UNKNOWN = 0xA801;

    private DicomStatus() {
    }

    public static String hex(int status) {
        return String.format("%04X", status);
    }
}
