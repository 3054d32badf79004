package org.onecity.billing.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Invoice;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PaymentReconciliation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onecity.billing.support.BillingClient;
import org.onecity.billing.support.BillingTest;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.test.CityTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Patients and insurers read billing with a standard FHIR client: Account, ChargeItem, Invoice, Claim,
 * ClaimResponse and PaymentReconciliation, each valid FHIR R4; and a hospital may post a charge as a ChargeItem.
 */
@BillingTest
class FinancialResourcesTest {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final String ZHANG_WEI = "37020219510102001X";

    @Autowired
    BillingClient billing;
    @Autowired
    Environment environment;

    String card;
    long bill;

    @BeforeEach
    void zhangWeiHasAPaidBillAtH001() {
        card = BillingClient.newCardNumber();
        billing.registerCard(card, ZHANG_WEI, "EMPLOYEE", "5000", "100");
        long visit = billing.openVisit("H001", card, "OUTPATIENT", card + "-v").body().path("id").asLong();
        billing.charge("H001", visit, """
                [{"chargeId":"%1$s-1","code":"110200002","quantity":1,"unitPrice":50},
                 {"chargeId":"%1$s-2","code":"250305001","quantity":1,"unitPrice":"60.50"}]""".formatted(card));
        // the third charge arrives as a FHIR ChargeItem from the hospital's system
        MethodOutcome posted = client(CityTokens.hospital("H001")).create().resource(chargeItem("-3", 2, "15.00")).execute();
        assertThat(posted.getCreated()).isTrue();
        bill = billing.discharge("H001", visit).body().path("id").asLong();
        String due = billing.get("/billing/bills/" + bill, CityTokens.admin()).body().path("split").path("patient").asText();
        assertThat(billing.pay(BillingClient.patientToken("zhang.wei"), bill, due, card + "-pay").status()).isEqualTo(201);
    }

    @Test
    void aPatientReadsTheirAccountChargesInvoiceAndPaymentWithAStandardClient() {
        IGenericClient patient = client(BillingClient.patientToken("zhang.wei"));

        Account account = patient.read().resource(Account.class).withId(card).execute();
        assertThat(account.getIdentifierFirstRep().getValue()).isEqualTo(card);
        Bundle mine = patient.search().forResource(Account.class).returnBundle(Bundle.class).execute();
        assertThat(mine.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).contains(card);

        Bundle charges = patient.search().forResource(ChargeItem.class)
                .where(ChargeItem.ACCOUNT.hasId("Account/" + card)).returnBundle(Bundle.class).execute();
        assertThat(charges.getEntry()).hasSize(3);

        Bundle invoices = patient.search().forResource(Invoice.class)
                .where(Invoice.ACCOUNT.hasId("Account/" + card)).returnBundle(Bundle.class).execute();
        Invoice invoice = (Invoice) invoices.getEntryFirstRep().getResource();
        assertThat(invoice.getStatus()).isEqualTo(Invoice.InvoiceStatus.BALANCED);
        assertThat(invoice.getLineItem()).hasSize(3);
        assertThat(invoice.getTotalGross().getValue()).isEqualByComparingTo("140.50");

        String paymentId = billing.get("/billing/cards/" + card + "/statement", BillingClient.patientToken("zhang.wei"))
                .body().path("payments").get(0).path("id").asText();
        PaymentReconciliation payment = patient.read().resource(PaymentReconciliation.class).withId(paymentId).execute();
        assertThat(payment.getPaymentAmount().getValue()).isEqualByComparingTo(invoice.getTotalNet().getValue());
        assertThat(payment.getDetailFirstRep().getRequest().getReference()).isEqualTo("Invoice/" + bill);

        for (Resource resource : List.of(account, (Resource) charges.getEntryFirstRep().getResource(), invoice, payment)) {
            assertThat(errors(resource)).as(resource.fhirType()).isEmpty();
        }
    }

    @Test
    void anInsurerReadsTheFundsClaimAndItsResponseForAMembersCard() {
        IGenericClient insurer = client(CityTokens.insurer());
        Bundle claims = insurer.search().forResource(Claim.class)
                .where(Claim.PATIENT.hasChainedProperty(Patient.IDENTIFIER.exactly()
                        .systemAndIdentifier(CityIdentifiers.INSURANCE_CARD, card)))
                .returnBundle(Bundle.class).execute();
        Claim claim = (Claim) claims.getEntryFirstRep().getResource();
        ClaimResponse response = insurer.read().resource(ClaimResponse.class).withId(String.valueOf(bill)).execute();

        assertThat(claims.getEntry()).hasSize(1);
        assertThat(claim.getInsurer().getIdentifier().getValue()).isEqualTo("CITY-FUND");
        assertThat(response.getRequest().getReference()).isEqualTo("Claim/" + bill);
        assertThat(response.getPayment().getAmount().getValue()).isEqualByComparingTo(claim.getTotal().getValue());
        assertThat(errors(claim)).isEmpty();
        assertThat(errors(response)).isEmpty();
    }

    @Test
    void anotherPatientIsRefused() {
        IGenericClient liNa = client(BillingClient.patientToken("li.na"));
        assertThatThrownBy(() -> liNa.read().resource(Invoice.class).withId(String.valueOf(bill)).execute())
                .isInstanceOf(ForbiddenOperationException.class);
    }

    @Test
    void aChargeItemPostedAgainWithOtherContentIsAConflict() {
        IGenericClient hospital = client(CityTokens.hospital("H001"));
        assertThatThrownBy(() -> hospital.create().resource(chargeItem("-3", 3, "15.00")).execute())
                .isInstanceOf(ResourceVersionConflictException.class);
    }

    private ChargeItem chargeItem(String suffix, int quantity, String price) {
        ChargeItem item = new ChargeItem();
        item.addIdentifier(new Identifier().setSystem(CityIdentifiers.hospitalNamespace("H001") + "charge")
                .setValue(card + suffix));
        item.setStatus(ChargeItem.ChargeItemStatus.BILLABLE);
        item.setCode(new CodeableConcept(new Coding(FinancialResources.CATALOGUE, "XA10BA02", null)));
        item.setSubject(new Reference().setIdentifier(FinancialResources.cardIdentifier(card)));
        item.setContext(new Reference().setIdentifier(new Identifier()
                .setSystem(CityIdentifiers.hospitalNamespace("H001") + "visit").setValue(card + "-v")));
        item.setQuantity(new Quantity(quantity));
        item.setPriceOverride(new org.hl7.fhir.r4.model.Money().setValue(new BigDecimal(price)).setCurrency("CNY"));
        return item;
    }

    private IGenericClient client(String token) {
        IGenericClient client = FHIR.newRestfulGenericClient("http://127.0.0.1:"
                + environment.getRequiredProperty("local.server.port") + "/billing/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return client;
    }

    private static List<String> errors(Resource resource) {
        return VALIDATOR.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + " " + m.getMessage()).toList();
    }

    private static final FhirValidator VALIDATOR = validator();

    private static FhirValidator validator() {
        FhirValidator validator = FHIR.newValidator();
        FhirInstanceValidator instance = new FhirInstanceValidator(new ValidationSupportChain(
                new DefaultProfileValidationSupport(FHIR), new CommonCodeSystemsTerminologyService(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR), new SnapshotGeneratingValidationSupport(FHIR),
                new UnknownCodeSystemWarningValidationSupport(FHIR)));
        validator.registerValidatorModule(instance);
        return validator;
    }
}
