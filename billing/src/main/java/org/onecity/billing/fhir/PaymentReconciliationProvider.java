package org.onecity.billing.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.PaymentReconciliation;
import org.onecity.billing.bill.Bill;
import org.onecity.billing.bill.Bills;
import org.onecity.billing.payment.Payment;
import org.onecity.billing.payment.Payments;
import org.springframework.stereotype.Component;

import java.util.Optional;

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
        Optional<Payment> captured = id.isIdPartValidLong()
                ? payments.find(id.getIdPartAsLong()).filter(Payment::captured) : Optional.empty();
        Bill bill = reads.record(captured.flatMap(p -> bills.find(p.billId())), Bill::cardNumber, Bill::hospital,
                "PaymentReconciliation", "PaymentReconciliation/" + id.getIdPart());
        Payment payment = captured.orElseThrow();
        return FinancialResources.paymentReconciliation(payment, bill);
    }
}
