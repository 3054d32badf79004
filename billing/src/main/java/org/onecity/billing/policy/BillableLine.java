package org.onecity.billing.policy;

import org.onecity.billing.money.Money;

/** A charge as the insurance sees it: its category and its amount (negative for a reversal). */
public record BillableLine(InsuranceCategory category, Money amount) {
}
