package org.onecity.fhir.quality;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.onecity.fhir.support.HospitalFeed;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@CityRecordTest
class DataQualityAtTheDoorTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CityRecordClient city;
    final HospitalFeed feed = new HospitalFeed("H001");


    @Test
    void aBundleWithAnyInvalidResourceIsRejectedWholeListingEveryProblemWithItsLocation() {
        Bundle history = feed.history(2001, HospitalFeed.Shape.SMALL);
        int patient = indexOf(history, Patient.class);
        int observation = indexOf(history, Observation.class);
        int report = indexOf(history, DiagnosticReport.class);
        Patient p = (Patient) history.getEntry().get(patient).getResource();
        p.getIdentifier().removeIf(i -> !i.getSystem().startsWith(CityIdentifiers.hospitalNamespace("H001")));
        Observation o = (Observation) history.getEntry().get(observation).getResource();
        o.getCode().getCodingFirstRep().setSystem("http://local.lab/codes");
        o.setValue(null);
        ((DiagnosticReport) history.getEntry().get(report).getResource()).setIssued(null);
        long before = resourceRows();

        OperationOutcome outcome = rejected(history);

        assertThat(outcome.getIssue()).extracting(i -> i.getLocation().get(0).getValue()).contains(
                "Bundle.entry[" + patient + "].resource",
                "Bundle.entry[" + observation + "].resource",
                "Bundle.entry[" + report + "].resource");
        assertThat(outcome.getIssue()).extracting(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .anySatisfy(d -> assertThat(d).contains("citizen ID or a social insurance card"))
                .anySatisfy(d -> assertThat(d).contains("coded with LOINC"))
                .anySatisfy(d -> assertThat(d).contains("value or a data-absent reason"))
                .anySatisfy(d -> assertThat(d).contains("issued"));
        assertThat(resourceRows()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void anObservationWithADataAbsentReasonInsteadOfAValueIsAccepted() {
        Bundle history = feed.history(2002, HospitalFeed.Shape.SMALL);
        Observation o = (Observation) history.getEntry().get(indexOf(history, Observation.class)).getResource();
        o.setValue(null);
        o.getDataAbsentReason().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/data-absent-reason",
                "error", "Error"));

        Bundle response = city.hospital("H001").transaction().withBundle(history).execute();

        assertThat(response.getEntry()).hasSize(history.getEntry().size());
    }

    @Test
    void aCitizenIdWithAWrongCheckCharacterIsRejected() {
        OperationOutcome outcome = rejectedAfter(2003, b -> patientOf(b).getIdentifier().stream()
                .filter(i -> CityIdentifiers.CITIZEN_ID.equals(i.getSystem()))
                .forEach(i -> i.setValue(i.getValue().substring(0, 17) + wrongCheck(i.getValue()))));
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("fails its check character");
    }

    @Test
    void aResourceWithoutTheHospitalsOwnIdentifierIsRejected() {
        OperationOutcome outcome = rejectedAfter(2004, b -> {
            Observation o = (Observation) b.getEntry().get(indexOf(b, Observation.class)).getResource();
            o.setIdentifier(List.of(new Identifier().setSystem("urn:local").setValue("x")));
        });
        assertThat(outcome.getIssueFirstRep().getDiagnostics())
                .contains("Observation has no identifier issued by H001");
    }

    @Test
    void aHospitalMayNotUseAnotherHospitalsIdentifiersOrOrganization() {
        OperationOutcome outcome = rejectedAfter(2005, b -> patientOf(b).addIdentifier()
                .setSystem(CityIdentifiers.hospitalNamespace("H002") + "mrn").setValue("MRN-1"));
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("belongs to hospital H002");
    }

    @Test
    void whatBreaksFhirR4ItselfIsRejectedToo() {
        OperationOutcome outcome = rejectedAfter(2006, b ->
                ((Observation) b.getEntry().get(indexOf(b, Observation.class)).getResource()).setStatus(null));
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("Observation.status");
    }

    @Test
    void aBundleCarryingTheSameRecordTwiceIsRejected() {
        OperationOutcome outcome = rejectedAfter(2009, b -> {
            Observation twin = ((Observation) b.getEntry().get(indexOf(b, Observation.class)).getResource()).copy();
            HospitalFeed.add(b, twin);
        });
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("one push holds one version of each record");
    }

    @Test
    void acceptedAndRejectedCountsPerHospitalAreExposedAsMetrics() {
        Bundle good = new HospitalFeed("H003").history(2007, HospitalFeed.Shape.SMALL);
        city.hospital("H003").transaction().withBundle(good).execute();
        rejected(brokenPatient(new HospitalFeed("H003").history(2008, HospitalFeed.Shape.SMALL)), "H003");

        HttpResponse<String> scrape = city.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + org.onecity.common.test.CityTokens.admin()));

        assertThat(scrape.body())
                .containsPattern("onecity_ingest_resources_total\\{hospital=\"H003\",outcome=\"accepted\",reason=\"accepted\",status=\"201\"} [1-9]")
                .containsPattern("onecity_ingest_resources_total\\{hospital=\"H003\",outcome=\"rejected\",reason=\"invalid\",status=\"422\"} [1-9]");
    }

    private OperationOutcome rejectedAfter(int person, Consumer<Bundle> spoil) {
        Bundle history = feed.history(person, HospitalFeed.Shape.SMALL);
        spoil.accept(history);
        return rejected(history);
    }

    private OperationOutcome rejected(Bundle bundle) {
        return rejected(bundle, "H001");
    }

    private OperationOutcome rejected(Bundle bundle, String hospital) {
        UnprocessableEntityException e = catchThrowableOfType(
                () -> city.hospital(hospital).transaction().withBundle(bundle).execute(), UnprocessableEntityException.class);
        assertThat(e).as("rejected with 422").isNotNull();
        return (OperationOutcome) e.getOperationOutcome();
    }

    private static Bundle brokenPatient(Bundle bundle) {
        patientOf(bundle).setIdentifier(List.of(patientOf(bundle).getIdentifierFirstRep()));
        return bundle;
    }

    private static Patient patientOf(Bundle bundle) {
        return (Patient) bundle.getEntry().get(indexOf(bundle, Patient.class)).getResource();
    }

    private static int indexOf(Bundle bundle, Class<?> type) {
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            if (type.isInstance(bundle.getEntry().get(i).getResource())) {
                return i;
            }
        }
        throw new IllegalArgumentException("no " + type.getSimpleName());
    }

    private static char wrongCheck(String citizenId) {
        return citizenId.charAt(17) == '1' ? '2' : '1';
    }

    private long resourceRows() {
        return jdbc.queryForObject("select count(*) from hfj_resource", Long.class);
    }
}
