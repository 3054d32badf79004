package org.onecity.billing.policy;

/** An outpatient visit is settled at its end, an inpatient stay at discharge; the policy treats them differently. */
public enum VisitKind {
    OUTPATIENT,
    INPATIENT
}
