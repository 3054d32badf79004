package org.onecity.billing.ledger;

import org.onecity.billing.money.Money;

import java.util.ArrayList;
import java.util.List;

/**
 * A money movement: postings whose debits equal their credits, booked once for a business event (its kind and
 * reference, e.g. {@code bill} and the bill's id).
 */
public record LedgerTransaction(String kind, String reference, List<Posting> postings) {

    public LedgerTransaction {
        postings = List.copyOf(postings);
        if (postings.size() < 2) {
            throw new IllegalArgumentException("A ledger transaction moves money between at least two accounts");
        }
        Money debits = Money.ZERO;
        Money credits = Money.ZERO;
        for (Posting posting : postings) {
            debits = debits.plus(posting.debit());
            credits = credits.plus(posting.credit());
        }
        if (!debits.equals(credits)) {
            throw new IllegalArgumentException("Debits " + debits + " and credits " + credits + " of " + kind + " "
                    + reference + " differ");
        }
    }

    /** Builds a transaction, leaving out zero amounts (a bill the fund pays nothing of has no fund posting). */
    public static Builder of(String kind, String reference) {
        return new Builder(kind, reference);
    }

    public static final class Builder {
        private final String kind;
        private final String reference;
        private final List<Posting> postings = new ArrayList<>();

        private Builder(String kind, String reference) {
            this.kind = kind;
            this.reference = reference;
        }

        public Builder debit(LedgerAccount account, Money amount) {
            if (amount.isPositive()) {
                postings.add(Posting.debit(account, amount));
            }
            return this;
        }

        public Builder credit(LedgerAccount account, Money amount) {
            if (amount.isPositive()) {
                postings.add(Posting.credit(account, amount));
            }
            return this;
        }

        public LedgerTransaction build() {
            return new LedgerTransaction(kind, reference, postings);
        }
    }
}
