package org.onecity.billing.visit;

import org.onecity.billing.Refused;
import org.onecity.billing.catalogue.CatalogueItem;
import org.onecity.billing.catalogue.ChargeCatalogue;

import java.util.Map;

/**
 * What makes a posted line a charge: a charge id, a code the catalogue lists (with the catalogue's category), a
 * positive whole quantity and a price that is not negative; a reversal names an earlier charge of the same visit and
 * takes back no more units than remain of it.
 */
public final class ChargeRules {

    private final ChargeCatalogue catalogue;

    public ChargeRules(ChargeCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /**
     * The charge a request makes on a visit, given the visit's charges so far by charge id (those of the same
     * request before this one included).
     */
    public Charge charge(ChargeRequest request, Map<String, Charge> visitCharges) {
        if (request.chargeId() == null || request.chargeId().isBlank() || request.chargeId().length() > 64) {
            throw Refused.unprocessable("charge-id-missing", "Every line needs the hospital's charge id (up to 64 characters)");
        }
        if (request.quantity() == null || request.quantity() <= 0) {
            throw Refused.unprocessable("quantity-not-positive", "Charge " + request.chargeId()
                    + ": the quantity must be a positive whole number, not " + request.quantity());
        }
        return request.reverses() == null ? newCharge(request) : reversal(request, visitCharges);
    }

    private Charge newCharge(ChargeRequest request) {
        CatalogueItem item = catalogue.item(request.code()).orElseThrow(() -> Refused.unprocessable(
                "unknown-catalogue-code", "Charge " + request.chargeId() + ": " + request.code()
                        + " is not in the city's charge catalogue"));
        if (request.category() != null && request.category() != item.category()) {
            throw Refused.unprocessable("category-disagrees", "Charge " + request.chargeId() + ": the catalogue lists "
                    + item.code() + " as " + item.category() + ", not " + request.category());
        }
        if (request.unitPrice() == null || request.unitPrice().isNegative()) {
            throw Refused.unprocessable("unit-price-missing", "Charge " + request.chargeId()
                    + ": the unit price must be given and not negative");
        }
        return new Charge(request.chargeId(), item.code(), item.category(), request.quantity(), request.unitPrice(), null);
    }

    private static Charge reversal(ChargeRequest request, Map<String, Charge> visitCharges) {
        Charge original = visitCharges.get(request.reverses());
        if (original == null || original.isReversal()) {
            throw Refused.unprocessable("reversed-charge-unknown", "Charge " + request.chargeId() + " reverses "
                    + request.reverses() + ", which is not a charge of this visit");
        }
        int reversedAlready = visitCharges.values().stream()
                .filter(c -> request.reverses().equals(c.reverses())).mapToInt(c -> -c.quantity()).sum();
        if (request.quantity() > original.quantity() - reversedAlready) {
            throw Refused.unprocessable("reversal-exceeds-charge", "Charge " + request.chargeId() + " reverses "
                    + request.quantity() + " units of " + original.chargeId() + ", of which "
                    + (original.quantity() - reversedAlready) + " remain");
        }
        if (request.code() != null && !request.code().equals(original.code())) {
            throw Refused.unprocessable("reversal-code-differs", "Charge " + request.chargeId() + " reverses "
                    + original.chargeId() + ", which is " + original.code() + ", not " + request.code());
        }
        return new Charge(request.chargeId(), original.code(), original.category(), -request.quantity(),
                original.unitPrice(), original.chargeId());
    }
}
