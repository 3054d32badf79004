package org.onecity.billing.ledger;

import org.onecity.billing.money.Money;

import java.time.Instant;

/** A posting as a card's statement shows it. */
public record StatementLine(Instant bookedAt, String kind, String reference, String account, Money debit,
                            Money credit) {
}
