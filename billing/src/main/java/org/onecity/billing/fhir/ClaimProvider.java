package org.onecity.billing.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.billing.bill.Bill;
import org.onecity.billing.bill.Bills;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The fund's share of each bill as a Claim on the card's insurer, and what the fund owes by the policy as its
 * ClaimResponse; both have the bill's id. Insurers search them by the member's card.
 */
abstract class ClaimProvider<T extends Resource> implements IResourceProvider {

    private final FinancialReads reads;
    private final Bills bills;
    private final Class<T> type;
    private final Function<Bill, T> asFhir;

    ClaimProvider(FinancialReads reads, Bills bills, Class<T> type, Function<Bill, T> asFhir) {
        this.reads = reads;
        this.bills = bills;
        this.type = type;
        this.asFhir = asFhir;
    }

    @Override
    public Class<T> getResourceType() {
        return type;
    }

    @Read
    public T read(@IdParam IdType id) {
        Bill bill = reads.record(id.isIdPartValidLong() ? bills.find(id.getIdPartAsLong()) : Optional.empty(),
                Bill::cardNumber, Bill::hospital, type.getSimpleName(), type.getSimpleName() + "/" + id.getIdPart());
        return asFhir.apply(bill);
    }

    @Search
    public List<T> byPatient(@RequiredParam(name = Claim.SP_PATIENT) ReferenceParam patient) {
        String card = FinancialReads.cardOfPatient(patient);
        reads.card(card, null, type.getSimpleName(), type.getSimpleName() + "?patient=" + card);
        return bills.ofCard(card).stream().map(asFhir).toList();
    }

    @Component
    static class Claims extends ClaimProvider<Claim> {
        Claims(FinancialReads reads, Bills bills) {
            super(reads, bills, Claim.class, FinancialResources::claim);
        }
    }

    @Component
    static class ClaimResponses extends ClaimProvider<ClaimResponse> {
        ClaimResponses(FinancialReads reads, Bills bills) {
            super(reads, bills, ClaimResponse.class, FinancialResources::claimResponse);
        }
    }
}
