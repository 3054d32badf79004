package org.onecity.billing.ledger;

import org.onecity.billing.money.Money;

import java.util.List;

/** Every account's debits and credits; in a sound ledger the totals are equal. */
public record TrialBalance(List<Line> accounts, Money debits, Money credits, boolean balanced) {

    public record Line(String account, Money debits, Money credits) {
        /** Debits less credits: positive for what is owed to the city or held by it, negative for what it owes. */
        public Money balance() {
            return debits.minus(credits);
        }
    }

    public TrialBalance(List<Line> accounts) {
        this(accounts, sum(accounts, true), sum(accounts, false), sum(accounts, true).equals(sum(accounts, false)));
    }

    private static Money sum(List<Line> accounts, boolean debits) {
        Money sum = Money.ZERO;
        for (Line line : accounts) {
            sum = sum.plus(debits ? line.debits() : line.credits());
        }
        return sum;
    }
}
