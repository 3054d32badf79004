package org.onecity.imaging.dicom;

import java.util.regex.Pattern;

/** DICOM unique identifiers (PS3.5 9.1): dot-separated numbers without leading zeros, at most 64 characters. */
public final class Uids {

    private static final Pattern UID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");

    private Uids() {
    }

    public static boolean isValid(String uid) {
        return uid != null && uid.length() <= 64 && UID.matcher(uid).matches();
    }
}
