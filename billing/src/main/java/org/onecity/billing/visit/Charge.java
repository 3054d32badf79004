package org.onecity.billing.visit;

import org.onecity.billing.money.Money;
import org.onecity.billing.policy.BillableLine;
import org.onecity.billing.policy.InsuranceCategory;

/**
 * A priced line on a visit, as the hospital charged it. A reversal has a negative quantity and names the charge it
 * corrects ({@code reverses}); charges are never edited.
 */
public record Charge(String chargeId, String code, InsuranceCategory category, int quantity, Money unitPrice,
                     String reverses) {

    public Money amount() {
        return unitPrice.times(quantity);
    }

    public boolean isReversal() {
        return reverses != null;
    }

    public BillableLine billable() {
        return new BillableLine(category, amount());
    }
}
