package org.onecity.billing.visit;

public enum VisitStatus {
    /** Charges accumulate. */
    OPEN,
    /** Billed; no more charges. */
    DISCHARGED
}
