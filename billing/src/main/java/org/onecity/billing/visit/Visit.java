package org.onecity.billing.visit;

import org.onecity.billing.money.Money;
import org.onecity.billing.policy.VisitKind;

import java.time.Instant;

/**
 * An outpatient visit or inpatient stay of a card at a hospital, under which its charges accumulate.
 *
 * @param payLater whether it runs without prepayment; when not, {@code refusal} says why
 * @param charged  the sum of its charges, reversals deducted
 */
public record Visit(long id, String hospital, String hospitalVisitId, String cardNumber, VisitKind kind,
                    boolean payLater, String refusal, VisitStatus status, Instant openedAt, Money charged) {

    /** The visit once {@code added} more is charged on it. */
    public Visit charging(Money added) {
        return new Visit(id, hospital, hospitalVisitId, cardNumber, kind, payLater, refusal, status, openedAt,
                charged.plus(added));
    }

    public boolean isOpen() {
        return status == VisitStatus.OPEN;
    }
}
