package org.onecity.billing.policy;

/** Where a billable item stands in the insurance catalogue. */
public enum InsuranceCategory {
    /** Class A (甲类): fully within the insurance's scope. */
    CLASS_A,
    /** Class B (乙类): the patient first pays a share, the rest is within scope. */
    CLASS_B,
    /** Outside the catalogue (自费): the patient pays all of it. */
    OUTSIDE
}
