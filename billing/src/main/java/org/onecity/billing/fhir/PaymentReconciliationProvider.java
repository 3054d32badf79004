package org.onecity.billing.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.PaymentReconciliation;
import org.onecity.billing.Refused;
import org.onecity.billing.bill.Bill;
import org.onecity.billing.bill.Bills;
import org.onecity.billing.payment.Payment;
import org.onecity.billing.payment.Payments;
import org.springframework.stereotype.Component;

/** A captured payment, reconciling the patient's share of an Invoice. */
@Component
class PaymentReconciliationProvider implements IResourceProvider {

    private final FinancialReads reads;
    private final Payments payments;
    private final Bills bills;

    PaymentReconciliationProvider(FinancialReads reads, Payments payments, Bills bills) {
        this.reads = reads;
        this.payments = payments;
        this.bills = bills;
    }

    @Override
    public Class<PaymentReconciliation> getResourceType() {
        return PaymentReconciliation.class;
    }

    @Read
    public PaymentReconciliation read(@IdParam IdType id) {
        Payment payment = payments.find(id.getIdPartAsLong()).filter(Payment::captured).orElseThrow(() ->
                Refused.notFound("unknown-payment", "No PaymentReconciliation " + id.getIdPart()));
        Bill bill = bills.find(payment.billId()).orElseThrow();
        reads.card(bill.cardNumber(), bill.hospital(), "PaymentReconciliation", "PaymentReconciliation/" + payment.id());
        return FinancialResources.paymentReconciliation(payment, bill);
    }
}
