package org.onecity.billing.ledger;

import org.onecity.billing.money.Money;

/** One side of a ledger transaction: an amount debited or credited to an account. */
public record Posting(LedgerAccount account, Money debit, Money credit) {

    public Posting {
        if (debit.isNegative() || credit.isNegative() || debit.isPositive() == credit.isPositive()) {
            throw new IllegalArgumentException("A posting is a positive debit or a positive credit: " + account
                    + " debit " + debit + " credit " + credit);
        }
    }

    public static Posting debit(LedgerAccount account, Money amount) {
        return new Posting(account, amount, Money.ZERO);
    }

    public static Posting credit(LedgerAccount account, Money amount) {
        return new Posting(account, Money.ZERO, amount);
    }
}
