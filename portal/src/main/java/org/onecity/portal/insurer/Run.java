package org.onecity.portal.insurer;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A batch run that concerns the insurer: a settlement run (which settles every insurer's claims of a day) or the
 * reconciliation of one of its statements.
 *
 * @param percent 0..100, or negative while the batch does not yet know how much there is to do
 * @param problem why its reconciliation failed, as the batch says it
 */
record Run(long id, Kind kind, LocalDate period, String status, boolean running, double percent, Instant expectedEnd,
           Instant started, Instant ended, String problem) {

    enum Kind { SETTLEMENT, RECONCILIATION, OTHER }

    static Kind kind(String job) {
        return switch (job) {
            case "insurer-settlement" -> Kind.SETTLEMENT;
            case "insurer-reconciliation" -> Kind.RECONCILIATION;
            default -> Kind.OTHER;
        };
    }

    public boolean failed() {
        return !running && !"COMPLETED".equals(status);
    }

    /** The progress bar's value: none while the amount of work is unknown (an indeterminate bar). */
    public Integer progressValue() {
        return percent < 0 ? null : (int) Math.round(percent);
    }
}
