package org.onecity.imaging.query;

/** The levels of the DICOM query model (PS3.4 C.3): what one match is. */
public enum QueryLevel {
    PATIENT, STUDY, SERIES, IMAGE;

    /** From Query/Retrieve Level (0008,0052); DICOMweb's "instances" is IMAGE. */
    public static QueryLevel of(String value) {
        if (value == null) {
            throw new IllegalArgumentException("Query/Retrieve Level (0008,0052) is missing");
        }
        return switch (value.trim().toUpperCase()) {
            case "PATIENT" -> PATIENT;
            case "STUDY" -> STUDY;
            case "SERIES" -> SERIES;
            case "IMAGE", "INSTANCE" -> IMAGE;
            default -> throw new IllegalArgumentException("Unknown Query/Retrieve Level: " + value);
        };
    }
}
