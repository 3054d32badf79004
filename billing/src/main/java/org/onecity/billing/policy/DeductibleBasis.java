package org.onecity.billing.policy;

/** How a deductible (起付线) is counted. */
public enum DeductibleBasis {
    /** Once per inpatient stay. */
    PER_ADMISSION,
    /** Once a year across visits of this kind: what was met earlier in the year counts. */
    PER_YEAR
}
