package org.onecity.portal.doctor;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a doctor typed to find a patient: a citizen ID or a name. A run of digits that is no valid citizen ID (a
 * digit missing, two swapped, a wrong check character) is a typing error, not a name: it is said so on the page and
 * never searched, so a mistyped number can neither find the wrong person nor lead to breaking the glass for nobody.
 * The rule is GB 11643's, as the city record's door applies it to hospitals' records (fhir-server's CitizenId); the
 * portal shares no code with the services, so it states the rule again here.
 */
record SearchQuery(String text) {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{6,}[0-9X]?");
    private static final Pattern CITIZEN_ID = Pattern.compile("[0-9]{17}[0-9X]");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    boolean isMistypedCitizenId() {
        String typed = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        return DIGITS.matcher(typed).matches() && !isCitizenId(typed);
    }

    /** 17 digits and the ISO 7064 MOD 11-2 check character computed from them. */
    private static boolean isCitizenId(String typed) {
        if (!CITIZEN_ID.matcher(typed).matches()) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (typed.charAt(i) - '0') * WEIGHTS[i];
        }
        return typed.charAt(17) == CHECK.charAt(sum % 11);
    }
}
