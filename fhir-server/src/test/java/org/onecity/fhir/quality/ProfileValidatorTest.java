package org.onecity.fhir.quality;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.onecity.fhir.support.HospitalFeed;

import static org.assertj.core.api.Assertions.assertThat;

/** Every element rule of the OneCity profiles takes effect (a differential out of order silently would not). */
class ProfileValidatorTest {

    static final ProfileValidator validator = new ProfileValidator(FhirContext.forR4Cached());
    final Bundle history = new HospitalFeed("H001").history(1, HospitalFeed.Shape.SMALL);

    @Test
    void theGeneratedHistoryConformsToEveryProfile() {
        assertThat(history.getEntry()).allSatisfy(e ->
                assertThat(validator.validate(e.getResource(), "x")).isEmpty());
        assertThat(validator.profiles()).containsOnlyKeys("Patient", "Observation", "DiagnosticReport", "Encounter",
                "DocumentReference", "ServiceRequest", "ChargeItem");
    }

    @Test
    void aReportHasItsIssuedTime() {
        DiagnosticReport report = first(DiagnosticReport.class);
        report.setIssued(null);
        assertThat(validator.validate(report, "DiagnosticReport")).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("DiagnosticReport.issued").contains("minimum required = 1"));
    }

    @Test
    void anOrderAndAChargeNameWhatAndWhom() {
        ServiceRequest order = first(ServiceRequest.class);
        order.setSubject(null);
        ChargeItem charge = first(ChargeItem.class);
        charge.setCode(null);
        assertThat(validator.validate(order, "ServiceRequest")).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("ServiceRequest.subject"));
        assertThat(validator.validate(charge, "ChargeItem")).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("ChargeItem.code"));
    }

    private <T extends Resource> T first(Class<T> type) {
        return history.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }
}
