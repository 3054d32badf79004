package org.onecity.portal.patient;

import java.time.Instant;

/**
 * One look at the person's data: who, in what role and organisation, through which service, what, and why; a
 * break-glass look carries the doctor's reason.
 */
public record AccessLogEntry(Instant when, String who, String role, String organisation, String service, String what,
                             String outcome, String breakGlassReason) {

    public boolean brokeGlass() {
        return breakGlassReason != null;
    }
}
