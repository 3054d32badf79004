package org.onecity.billing.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Invoice;
import org.onecity.billing.bill.Bill;
import org.onecity.billing.bill.Bills;
import org.onecity.billing.visit.Visits;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** A visit's bill as an Invoice: its charges, the split, and what the patient pays. */
@Component
class InvoiceProvider implements IResourceProvider {

    private final FinancialReads reads;
    private final Bills bills;
    private final Visits visits;

    InvoiceProvider(FinancialReads reads, Bills bills, Visits visits) {
        this.reads = reads;
        this.bills = bills;
        this.visits = visits;
    }

    @Override
    public Class<Invoice> getResourceType() {
        return Invoice.class;
    }

    @Read
    public Invoice read(@IdParam IdType id) {
        Bill bill = reads.record(id.isIdPartValidLong() ? bills.find(id.getIdPartAsLong()) : Optional.empty(),
                Bill::cardNumber, Bill::hospital, "Invoice", "Invoice/" + id.getIdPart());
        return FinancialResources.invoice(bill, visits.linesOfVisit(bill.visitId()));
    }

    @Search
    public List<Invoice> byAccount(@RequiredParam(name = Invoice.SP_ACCOUNT) ReferenceParam account) {
        String card = FinancialReads.cardOfAccount(account);
        reads.card(card, null, "Invoice", "Invoice?account=Account/" + card);
        return bills.ofCard(card).stream()
                .map(bill -> FinancialResources.invoice(bill, visits.linesOfVisit(bill.visitId()))).toList();
    }
}
