package org.onecity.billing.fhir;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.IdType;
import org.onecity.billing.Refused;
import org.onecity.billing.access.BillingAccess;
import org.onecity.billing.money.Money;
import org.onecity.billing.visit.ChargeRequest;
import org.onecity.billing.visit.Visit;
import org.onecity.billing.visit.VisitDesk;
import org.onecity.billing.visit.Visits;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.security.SmartScopes;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Charges as FHIR ChargeItems: readable by the card's holder, insurer and the bureau; and a hospital may post a charge
 * as a ChargeItem: its identifier is the charge id, its context the hospital's visit (by identifier), its code a
 * catalogue code, its priceOverride the unit price in CNY; a negative quantity with partOf naming an earlier charge
 * is a reversal.
 */
@Component
class ChargeItemProvider implements IResourceProvider {

    private final FinancialReads reads;
    private final Visits visits;
    private final VisitDesk desk;
    private final BillingAccess access;

    ChargeItemProvider(FinancialReads reads, Visits visits, VisitDesk desk, BillingAccess access) {
        this.reads = reads;
        this.visits = visits;
        this.desk = desk;
        this.access = access;
    }

    @Override
    public Class<ChargeItem> getResourceType() {
        return ChargeItem.class;
    }

    @Read
    public ChargeItem read(@IdParam IdType id) {
        Visits.ChargeLine line = reads.record(id.isIdPartValidLong() ? visits.line(id.getIdPartAsLong()) : Optional.empty(),
                Visits.ChargeLine::cardNumber, Visits.ChargeLine::hospital, "ChargeItem", "ChargeItem/" + id.getIdPart());
        return FinancialResources.chargeItem(line);
    }

    @Search
    public List<ChargeItem> byAccount(@RequiredParam(name = ChargeItem.SP_ACCOUNT) ReferenceParam account) {
        String card = FinancialReads.cardOfAccount(account);
        reads.card(card, null, "ChargeItem", "ChargeItem?account=Account/" + card);
        return visits.linesOfCard(card).stream().map(FinancialResources::chargeItem).toList();
    }

    @Create
    public MethodOutcome post(@ResourceParam ChargeItem item) {
        String hospital = access.actingHospital("ChargeItem", SmartScopes.CREATE);
        String visitId = item.getContext().getIdentifier().getValue();
        if (visitId == null || visitId.isBlank()) {
            throw new UnprocessableEntityException("ChargeItem.context names the hospital's visit by identifier");
        }
        Visit visit = desk.find(hospital, visitId).orElseThrow(() -> Refused.notFound("unknown-visit",
                "ChargeItem.context names no visit of " + hospital + ": " + visitId));
        ChargeRequest request = request(item, hospital);
        VisitDesk.Posting posting = desk.post(hospital, visit.id(), List.of(request));
        Visits.ChargeLine line = visits.line(hospital, request.chargeId()).orElseThrow();
        return new MethodOutcome(new IdType("ChargeItem", String.valueOf(line.id())), !posting.created().isEmpty())
                .setResource(FinancialResources.chargeItem(line));
    }

    private static ChargeRequest request(ChargeItem item, String hospital) {
        String system = CityIdentifiers.hospitalNamespace(hospital) + "charge";
        String chargeId = item.getIdentifier().stream().filter(i -> system.equals(i.getSystem())).findFirst()
                .map(i -> i.getValue()).orElseThrow(() -> new UnprocessableEntityException(
                        "ChargeItem.identifier needs the charge id under " + system));
        BigDecimal quantity = item.getQuantity().getValue();
        if (quantity == null || quantity.stripTrailingZeros().scale() > 0) {
            throw new UnprocessableEntityException("ChargeItem.quantity must be a whole number of units");
        }
        int units = quantity.intValueExact();
        if (units < 0) {
            String reverses = item.getPartOf().stream().map(r -> r.getIdentifier().getValue()).findFirst()
                    .orElseThrow(() -> new UnprocessableEntityException(
                            "A negative quantity reverses a charge: name it in ChargeItem.partOf (by identifier)"));
            return new ChargeRequest(chargeId, item.getCode().getCodingFirstRep().getCode(), null, -units, null, reverses);
        }
        Money price = null;
        if (item.hasPriceOverride()) {
            if (!"CNY".equals(item.getPriceOverride().getCurrency()) || item.getPriceOverride().getValue() == null) {
                throw new UnprocessableEntityException("ChargeItem.priceOverride is an amount in CNY");
            }
            try {
                price = Money.yuan(item.getPriceOverride().getValue());
            } catch (IllegalArgumentException e) {
                throw new UnprocessableEntityException("ChargeItem.priceOverride: " + e.getMessage());
            }
        }
        return new ChargeRequest(chargeId, item.getCode().getCodingFirstRep().getCode(), null, units, price, null);
    }
}
