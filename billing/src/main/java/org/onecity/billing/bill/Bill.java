package org.onecity.billing.bill;

import org.onecity.billing.policy.Split;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A visit's final bill: the split of its charges, whether the patient has paid their share, and where the insurer's
 * side stands (settled and reconciled by the batch).
 */
public record Bill(long id, long visitId, String cardNumber, String hospital, String insurer, Split split,
                   BillStatus status, Instant finalisedAt, LocalDate dueOn, ClaimStatus claim) {
}
