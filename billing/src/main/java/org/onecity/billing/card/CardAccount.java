package org.onecity.billing.card;

import org.onecity.billing.access.CardHolding;
import org.onecity.billing.money.Money;
import org.onecity.billing.policy.CardYear;
import org.onecity.billing.policy.Scheme;

import java.util.Optional;

/**
 * A social insurance card's account with the city: whose card it is, its scheme and insurer, the personal
 * account balance, this year's use of the insurance, and its pay-later standing.
 *
 * @param personalHeld what final bills have taken of the personal account and the insurer's settlement has not yet
 *                     debited: spoken for, so not available to the next bill
 * @param exposure what the city has fronted on the card: charges of its open pay-later visits and its unpaid bills
 */
public record CardAccount(String cardNumber, String citizenId, String holderName, Scheme scheme, String insurer,
                          CardStatus status, PayLaterStanding payLater, Money creditLimit, Money personalBalance,
                          Money personalHeld,
                          Money exposure, CardYear year) implements CardHolding {

    /** What the personal account can still pay: its balance less what is held for bills awaiting settlement. */
    public Money personalAvailable() {
        return personalBalance.minus(personalHeld);
    }

    /**
     * Whether a visit opened now may run without prepayment: the card is in force, pay-later is not suspended, no
     * bill is overdue and the credit limit is not used up. Answers the reason it may not.
     */
    public Optional<String> payLaterRefusal(boolean hasOverdueBill) {
        if (status != CardStatus.ACTIVE) {
            return Optional.of("The card " + cardNumber + " is not active");
        }
        if (payLater == PayLaterStanding.SUSPENDED) {
            return Optional.of("Pay-later is suspended on card " + cardNumber + " until its overdue debt is paid");
        }
        if (hasOverdueBill) {
            return Optional.of("Card " + cardNumber + " has a pay-later bill past its due date");
        }
        if (exposure.compareTo(creditLimit) >= 0) {
            return Optional.of("Card " + cardNumber + " has used its pay-later credit limit of " + creditLimit
                    + " yuan");
        }
        return Optional.empty();
    }

    /** Why charging {@code amount} more on a pay-later visit would break the credit limit, if it would. */
    public Optional<String> creditRefusal(Money amount) {
        Money after = exposure.plus(amount);
        if (after.compareTo(creditLimit) > 0) {
            return Optional.of("Charging " + amount + " yuan would bring card " + cardNumber + " to " + after
                    + " yuan, over its pay-later credit limit of " + creditLimit + " yuan");
        }
        return Optional.empty();
    }
}
