package org.onecity.billing.policy;

import org.onecity.billing.money.Money;

/**
 * What a card has used of this year's insurance before the visit being billed.
 *
 * @param deductibleMet what was paid this year toward a yearly deductible (see {@link DeductibleBasis#PER_YEAR})
 * @param fundUsed      what the fund has paid this year toward the annual cap
 * @param admissions    inpatient stays billed this year
 */
public record CardYear(int year, Money deductibleMet, Money fundUsed, int admissions) {

    public static CardYear fresh(int year) {
        return new CardYear(year, Money.ZERO, Money.ZERO, 0);
    }

    /** The card's year as it stands for a visit billed in {@code billingYear}: a new year starts from nothing. */
    public CardYear asOf(int billingYear) {
        return billingYear > year ? fresh(billingYear) : this;
    }

    /** The year once this bill is final. */
    public CardYear after(VisitKind kind, VisitRules rules, Split split) {
        return new CardYear(year,
                rules.deductibleBasis() == DeductibleBasis.PER_YEAR ? deductibleMet.plus(split.deductible()) : deductibleMet,
                fundUsed.plus(split.fund()),
                kind == VisitKind.INPATIENT ? admissions + 1 : admissions);
    }
}
