package org.onecity.billing.visit;

import org.onecity.billing.money.Money;
import org.onecity.billing.policy.InsuranceCategory;

/**
 * A line as a hospital posts it. A charge names a catalogue code, a quantity and a unit price (the category, when
 * sent, must agree with the catalogue's); a reversal names the charge it reverses and how many units of it.
 */
public record ChargeRequest(String chargeId, String code, InsuranceCategory category, Integer quantity,
                            Money unitPrice, String reverses) {
}
