package org.onecity.fhir.quality;

import java.util.regex.Pattern;

/**
 * The resident identity card number: 17 digits and a check character computed with ISO 7064 MOD 11-2
 * (GB 11643-1999). A wrong check character is the commonest typing error and would link records of the
 * wrong person, so it is caught at the door.
 */
public final class CitizenId {

    private static final Pattern FORMAT = Pattern.compile("[0-9]{17}[0-9X]");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();

    private CitizenId() {
    }

    public static boolean isValid(String value) {
        if (value == null || !FORMAT.matcher(value).matches()) {
            return false;
        }
        return value.charAt(17) == checkCharacter(value.substring(0, 17));
    }

    /** The check character for the first 17 digits. */
    public static char checkCharacter(String first17Digits) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17Digits.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }
}
