package org.onecity.portal.doctor;

import java.util.Optional;

/**
 * A doctor's reason for breaking the glass, made fit for the {@code X-Break-Glass-Reason} header: one line of text in
 * any script (sent as an RFC 8187 UTF-8 value when it is not plain ASCII, see {@code CityServices}). A refusal is a
 * value naming the message to show; the reason is then not kept.
 */
sealed interface BreakGlassReason {

    /** The city record asks for a reason in words; ten characters are a sentence in Chinese as in English. */
    int SHORTEST = 10;
    /** Long enough for any emergency; the services take the same bound. */
    int LONGEST = 500;

    record Accepted(String text) implements BreakGlassReason {
    }

    /** Why the reason cannot go to the services, as a message key of the portal. */
    record Refused(String messageKey) implements BreakGlassReason {
    }

    /**
     * Lines and runs of spaces become one space; other control characters, line separators and bidirectional
     * overrides (which would make the patient's log read otherwise than written) are refused, as the services refuse
     * them. Lengths are in characters (code points), so an emoji counts as one, as it reads.
     */
    static BreakGlassReason of(String typed) {
        String text = Optional.ofNullable(typed).orElse("").strip().replaceAll("\\s+", " ");
        if (text.codePoints().anyMatch(BreakGlassReason::isControl)) {
            return new Refused("doctor.break-glass.reason-control");
        }
        int length = text.codePointCount(0, text.length());
        if (length < SHORTEST) {
            return new Refused("doctor.break-glass.reason-missing");
        }
        if (length > LONGEST) {
            return new Refused("doctor.break-glass.reason-too-long");
        }
        return new Accepted(text);
    }

    private static boolean isControl(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isISOControl(codePoint) || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || (codePoint >= 0x202A && codePoint <= 0x202E)
                || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }
}
