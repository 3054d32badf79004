package org.onecity.billing.fhir;

import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Invoice;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.PaymentReconciliation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.onecity.billing.bill.Bill;
import org.onecity.billing.bill.ClaimStatus;
import org.onecity.billing.bill.BillStatus;
import org.onecity.billing.card.CardAccount;
import org.onecity.billing.card.CardStatus;
import org.onecity.billing.payment.Payment;
import org.onecity.billing.policy.Split;
import org.onecity.billing.visit.Visits.ChargeLine;
import org.onecity.common.city.CityIdentifiers;

import java.util.Date;
import java.util.List;

/**
 * Billing's records as FHIR R4 financial resources: a card's pay-later account is an Account, a charge a ChargeItem,
 * a bill an Invoice, the fund's share of a bill a Claim with its ClaimResponse, a captured payment a
 * PaymentReconciliation. Patients and insurers read them with any FHIR client.
 */
final class FinancialResources {

    static final String EXTENSIONS = CityIdentifiers.BASE + "/StructureDefinition/";
    static final String CATALOGUE = CityIdentifiers.BASE + "/CodeSystem/charge-catalogue";
    static final String SPLIT = CityIdentifiers.BASE + "/CodeSystem/bill-split";
    private static final String CLAIM_TYPE = "http://terminology.hl7.org/CodeSystem/claim-type";

    private FinancialResources() {
    }

    static Account account(CardAccount card) {
        Account account = new Account();
        account.setId(card.cardNumber());
        account.addIdentifier(cardIdentifier(card.cardNumber()));
        account.setStatus(card.status() == CardStatus.ACTIVE ? Account.AccountStatus.ACTIVE : Account.AccountStatus.INACTIVE);
        account.setName("Pay-later account of social insurance card " + card.cardNumber());
        account.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "PBILLACCT",
                "patient billing account")));
        account.addSubject(new Reference().setIdentifier(new Identifier().setSystem(CityIdentifiers.CITIZEN_ID)
                .setValue(card.citizenId())).setDisplay(card.holderName()));
        account.setOwner(insurer(card.insurer()));
        account.setDescription(card.scheme() + " basic medical insurance");
        account.addExtension(EXTENSIONS + "pay-later-standing", new CodeType(card.payLater().name().toLowerCase()));
        account.addExtension(EXTENSIONS + "pay-later-credit-limit", money(card.creditLimit()));
        account.addExtension(EXTENSIONS + "pay-later-exposure", money(card.exposure()));
        account.addExtension(EXTENSIONS + "personal-account-balance", money(card.personalBalance()));
        return account;
    }

    static ChargeItem chargeItem(ChargeLine line) {
        ChargeItem item = new ChargeItem();
        item.setId(String.valueOf(line.id()));
        item.addIdentifier(chargeIdentifier(line.hospital(), line.charge().chargeId()));
        item.setStatus(ChargeItem.ChargeItemStatus.BILLABLE);
        item.setCode(new CodeableConcept(new Coding(CATALOGUE, line.charge().code(), null)));
        item.setSubject(new Reference().setIdentifier(cardIdentifier(line.cardNumber())));
        item.setContext(new Reference().setIdentifier(new Identifier()
                .setSystem(CityIdentifiers.hospitalNamespace(line.hospital()) + "visit").setValue(line.hospitalVisitId())));
        item.setQuantity(new Quantity(line.charge().quantity()));
        item.setPriceOverride(money(line.charge().unitPrice()));
        item.setEnteredDate(Date.from(line.postedAt()));
        item.setPerformingOrganization(hospital(line.hospital()));
        item.addAccount(new Reference("Account/" + line.cardNumber()));
        item.addExtension(EXTENSIONS + "insurance-category", new CodeType(line.charge().category().name()));
        if (line.charge().isReversal()) {
            item.addPartOf(new Reference().setIdentifier(chargeIdentifier(line.hospital(), line.charge().reverses())));
        }
        return item;
    }

    static Invoice invoice(Bill bill, List<ChargeLine> lines) {
        Split split = bill.split();
        Invoice invoice = new Invoice();
        invoice.setId(String.valueOf(bill.id()));
        invoice.setStatus(bill.status() == BillStatus.PAID ? Invoice.InvoiceStatus.BALANCED : Invoice.InvoiceStatus.ISSUED);
        invoice.setSubject(new Reference().setIdentifier(cardIdentifier(bill.cardNumber())));
        invoice.setAccount(new Reference("Account/" + bill.cardNumber()));
        invoice.setIssuer(hospital(bill.hospital()));
        invoice.setDate(Date.from(bill.finalisedAt()));
        for (ChargeLine line : lines) {
            invoice.addLineItem().setChargeItem(new Reference("ChargeItem/" + line.id())).addPriceComponent()
                    .setType(Invoice.InvoicePriceComponentType.BASE).setAmount(money(line.charge().amount()));
        }
        share(invoice, Invoice.InvoicePriceComponentType.DEDUCTION, "fund", split.fund());
        share(invoice, Invoice.InvoicePriceComponentType.DEDUCTION, "personal-account", split.personalAccount());
        share(invoice, Invoice.InvoicePriceComponentType.INFORMATIONAL, "patient", split.patient());
        invoice.setTotalGross(money(split.total()));
        invoice.setTotalNet(money(split.patient()));
        invoice.setPaymentTerms("Pay " + split.patient() + " yuan once, by " + bill.dueOn() + "; policy " + split.policy());
        return invoice;
    }

    static Claim claim(Bill bill) {
        Claim claim = new Claim();
        claim.setId(String.valueOf(bill.id()));
        claim.setStatus(Claim.ClaimStatus.ACTIVE);
        claim.setType(new CodeableConcept(new Coding(CLAIM_TYPE, "institutional", "Institutional")));
        claim.setUse(Claim.Use.CLAIM);
        claim.setPatient(new Reference().setIdentifier(cardIdentifier(bill.cardNumber())));
        claim.setCreated(Date.from(bill.finalisedAt()));
        claim.setInsurer(insurer(bill.insurer()));
        claim.setProvider(hospital(bill.hospital()));
        claim.setPriority(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/processpriority",
                "normal", "Normal")));
        claim.addInsurance().setSequence(1).setFocal(true)
                .setCoverage(new Reference().setIdentifier(cardIdentifier(bill.cardNumber())));
        claim.setTotal(money(bill.split().fund()));
        claim.addIdentifier().setSystem(CityIdentifiers.BASE + "/sid/bill").setValue(String.valueOf(bill.id()));
        return claim;
    }

    /** The fund's answer as billing knows it: the share the policy gives, queued until the insurer settles it. */
    static ClaimResponse claimResponse(Bill bill) {
        ClaimResponse response = new ClaimResponse();
        response.setId(String.valueOf(bill.id()));
        response.setStatus(ClaimResponse.ClaimResponseStatus.ACTIVE);
        response.setType(new CodeableConcept(new Coding(CLAIM_TYPE, "institutional", "Institutional")));
        response.setUse(ClaimResponse.Use.CLAIM);
        response.setPatient(new Reference().setIdentifier(cardIdentifier(bill.cardNumber())));
        response.setCreated(Date.from(bill.finalisedAt()));
        response.setInsurer(insurer(bill.insurer()));
        response.setRequestor(hospital(bill.hospital()));
        response.setRequest(new Reference("Claim/" + bill.id()));
        boolean settled = bill.claim() != ClaimStatus.UNSETTLED;
        response.setOutcome(settled ? ClaimResponse.RemittanceOutcome.COMPLETE : ClaimResponse.RemittanceOutcome.QUEUED);
        response.setDisposition("The fund's share by policy " + bill.split().policy() + (settled
                ? "; in the insurer's settlement (" + bill.claim().name().toLowerCase() + ")"
                : "; settled in the daily batch"));
        response.addTotal().setCategory(adjudication("submitted")).setAmount(money(bill.split().total()));
        response.addTotal().setCategory(adjudication("benefit")).setAmount(money(bill.split().fund()));
        response.getPayment().setType(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/ex-paymenttype", "complete", "Complete")))
                .setAmount(money(bill.split().fund()));
        return response;
    }

    static PaymentReconciliation paymentReconciliation(Payment payment, Bill bill) {
        PaymentReconciliation reconciliation = new PaymentReconciliation();
        reconciliation.setId(String.valueOf(payment.id()));
        reconciliation.setStatus(PaymentReconciliation.PaymentReconciliationStatus.ACTIVE);
        reconciliation.setCreated(Date.from(payment.at()));
        reconciliation.setPaymentDate(Date.from(payment.at()));
        reconciliation.setPaymentAmount(money(payment.amount()));
        reconciliation.setPaymentIdentifier(new Identifier().setSystem(CityIdentifiers.BASE + "/sid/receipt")
                .setValue(payment.receiptNumber()));
        reconciliation.setOutcome(Enumerations.RemittanceOutcome.COMPLETE);
        reconciliation.setDisposition("Paid once through the " + payment.channel() + " channel");
        reconciliation.setPaymentIssuer(hospital(bill.hospital()));
        reconciliation.addDetail().setType(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/payment-type", "payment", "Payment")))
                .setRequest(new Reference("Invoice/" + bill.id())).setAmount(money(payment.amount()))
                .setDate(Date.from(payment.at()));
        return reconciliation;
    }

    static Identifier cardIdentifier(String cardNumber) {
        return new Identifier().setSystem(CityIdentifiers.INSURANCE_CARD).setValue(cardNumber);
    }

    private static Identifier chargeIdentifier(String hospital, String chargeId) {
        return new Identifier().setSystem(CityIdentifiers.hospitalNamespace(hospital) + "charge").setValue(chargeId);
    }

    private static Reference hospital(String code) {
        return new Reference().setIdentifier(new Identifier().setSystem(CityIdentifiers.HOSPITAL_CODE).setValue(code));
    }

    private static Reference insurer(String code) {
        return new Reference().setIdentifier(new Identifier().setSystem(CityIdentifiers.INSURER_CODE).setValue(code));
    }

    private static void share(Invoice invoice, Invoice.InvoicePriceComponentType type, String code,
                              org.onecity.billing.money.Money amount) {
        invoice.addTotalPriceComponent().setType(type).setCode(new CodeableConcept(new Coding(SPLIT, code, null)))
                .setAmount(money(amount));
    }

    private static CodeableConcept adjudication(String code) {
        return new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/adjudication", code, null));
    }

    static Money money(org.onecity.billing.money.Money amount) {
        return new Money().setValue(amount.toYuan()).setCurrency("CNY");
    }
}
