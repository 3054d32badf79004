package org.onecity.billing.bill;

/** Where a bill's insurer side stands; the batch's settlement and reconciliation move it on. */
public enum ClaimStatus {
    /** Billed; the fund's and personal account's shares wait for the daily settlement. */
    UNSETTLED,
    /** In an insurer's settlement: the fund's share is claimed, the personal account debited. */
    SETTLED,
    /** The insurer's statement agrees with the settlement. */
    RECONCILED,
    /** The insurer's statement disagrees with the settlement; the discrepancy report says how. */
    DISPUTED
}
