package org.onecity.portal.doctor;

import java.util.Optional;

/**
 * A doctor's reason for breaking the glass, made fit for the {@code X-Break-Glass-Reason} header: one line, words the
 * services can read. A refusal is a value naming the message to show; the reason is then not kept.
 */
sealed interface BreakGlassReason {

    /** The city record asks for a reason in words. */
    int SHORTEST = 10;
    /** Long enough for any emergency; a header of a few hundred bytes every request costs nothing. */
    int LONGEST = 500;

    record Accepted(String text) implements BreakGlassReason {
    }

    /** Why the reason cannot go to the services, as a message key of the portal. */
    record Refused(String messageKey) implements BreakGlassReason {
    }

    /**
     * Lines and runs of spaces become one space (a CR or LF in a header makes the HTTP client throw); other control
     * characters are refused, and so is anything outside ISO-8859-1, the charset the services read headers in.
     */
    static BreakGlassReason of(String typed) {
        String text = Optional.ofNullable(typed).orElse("").strip().replaceAll("\\s+", " ");
        if (text.chars().anyMatch(Character::isISOControl)) {
            return new Refused("doctor.break-glass.reason-control");
        }
        if (text.chars().anyMatch(c -> c > 0xFF)) {
            return new Refused("doctor.break-glass.reason-latin");
        }
        if (text.length() < SHORTEST) {
            return new Refused("doctor.break-glass.reason-missing");
        }
        if (text.length() > LONGEST) {
            return new Refused("doctor.break-glass.reason-too-long");
        }
        return new Accepted(text);
    }
}
