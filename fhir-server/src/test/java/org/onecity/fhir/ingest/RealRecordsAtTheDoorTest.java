package org.onecity.fhir.ingest;

import ca.uhn.fhir.rest.gclient.TokenClientParam;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.test.CityTokens;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.onecity.fhir.support.HospitalFeed;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tries quoted in issue 19, each as it was refused or mishandled: valid R4 that a hospital's exporter writes
 * goes in as it is, a replay creates nothing, and refusals answer what HTTP and the docs promise.
 */
@CityRecordTest
class RealRecordsAtTheDoorTest {

    private static final AtomicInteger PERSONS = new AtomicInteger(19_000);
    private static final String XHTML_DIV = "<div xmlns=\"http://www.w3.org/1999/xhtml\">x</div>";

    @Autowired
    CityRecordClient city;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aResourceWithAValidNarrativeIsAccepted() {
        Bundle pushed = pushedWith(o -> {
            Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
            narrative.setDivAsString(XHTML_DIV);
            o.setText(narrative);
        });
        assertThat(pushed.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("20"));
    }

    @Test
    void aPerformerNamedOnlyByDisplayIsAccepted() {
        Bundle pushed = pushedWith(o -> o.addPerformer(new Reference().setDisplay("Dr X")));
        assertThat(pushed.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("20"));
    }

    @Test
    void aReferenceByIdentifierAloneIsAccepted() {
        Bundle pushed = pushedWith(o -> o.addPerformer(new Reference().setType("Practitioner")
                .setIdentifier(new Identifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue("9999000001"))));
        assertThat(pushed.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("20"));
    }

    @Test
    void pushingTheSameBundleWithAProvenanceAgainCreatesNoSecondProvenance() {
        Bundle history = historyWithProvenance(PERSONS.incrementAndGet());
        long before = provenances();

        city.hospital("H001").transaction().withBundle(history).execute();
        city.hospital("H001").transaction().withBundle(history).execute();

        assertThat(provenances()).isEqualTo(before + 1);
    }

    @Test
    void aProvenanceRecognisedByItsTargetsSurvivesAnEngineThatMakesNewUuidsForEveryPush() {
        int person = PERSONS.incrementAndGet();
        long before = provenances();

        city.hospital("H001").transaction().withBundle(historyWithProvenance(person)).execute();
        city.hospital("H001").transaction().withBundle(historyWithProvenance(person)).execute();

        assertThat(provenances()).isEqualTo(before + 1);
    }

    @Test
    void aPlainPostRepeatedCreatesNothingNew() {
        int person = PERSONS.incrementAndGet();
        Patient patient = new HospitalFeed("H002").patient(person);
        long provenancesBefore = provenances();

        for (int i = 0; i < 2; i++) {
            String stored = city.hospital("H002").create().resource(patient.copy()).execute().getId().toUnqualifiedVersionless().getValue();
            Provenance provenance = new Provenance().addTarget(new Reference(stored))
                    .setRecorded(new java.util.Date(1_700_000_000_000L + person));
            provenance.addAgent().setWho(new Reference().setDisplay("H002 integration engine"));
            city.hospital("H002").create().resource(provenance).execute();
        }

        Bundle sameRecordNumber = city.admin().search().forResource(Patient.class)
                .where(new TokenClientParam("identifier").exactly().systemAndCode(
                        CityIdentifiers.hospitalNamespace("H002") + "mrn", "MRN-" + person))
                .withTag(CityIdentifiers.SOURCE_HOSPITAL_TAG, "H002")
                .returnBundle(Bundle.class).execute();
        assertThat(sameRecordNumber.getEntry()).as("H002's records, not its city patient").hasSize(1);
        assertThat(provenances()).isEqualTo(provenancesBefore + 1);
    }

    @Test
    void explanationsOfBenefitSharingAClaimGroupIdentifierAreAccepted() {
        int person = PERSONS.incrementAndGet();
        Bundle history = new HospitalFeed("H001").history(person, HospitalFeed.Shape.SMALL);
        String patient = history.getEntry().get(1).getFullUrl();
        for (int claim = 0; claim < 2; claim++) {
            ExplanationOfBenefit eob = new ExplanationOfBenefit();
            eob.addIdentifier().setSystem(CityIdentifiers.hospitalNamespace("H001") + "claim").setValue("CLM-" + person + "-" + claim);
            eob.addIdentifier().setSystem(CityIdentifiers.hospitalNamespace("H001") + "claim-group").setValue("GROUP-" + person);
            eob.setStatus(ExplanationOfBenefit.ExplanationOfBenefitStatus.ACTIVE);
            eob.setType(new org.hl7.fhir.r4.model.CodeableConcept(new org.hl7.fhir.r4.model.Coding(
                    "http://terminology.hl7.org/CodeSystem/claim-type", "professional", null)));
            eob.setUse(ExplanationOfBenefit.Use.CLAIM);
            eob.setPatient(new Reference(patient));
            eob.setCreated(new java.util.Date());
            eob.setInsurer(new Reference().setDisplay("City Social Insurance Fund"));
            eob.setProvider(new Reference().setDisplay("Hospital H001"));
            eob.setOutcome(ExplanationOfBenefit.RemittanceOutcome.COMPLETE);
            eob.addInsurance().setFocal(true).setCoverage(new Reference().setDisplay("City Social Insurance Fund"));
            HospitalFeed.add(history, eob);
        }

        city.hospital("H001").transaction().withBundle(history).execute();
        city.hospital("H001").transaction().withBundle(history).execute();

        Bundle group = city.admin().search().forResource(ExplanationOfBenefit.class)
                .where(new TokenClientParam("identifier").exactly().systemAndCode(
                        CityIdentifiers.hospitalNamespace("H001") + "claim-group", "GROUP-" + person))
                .returnBundle(Bundle.class).execute();
        assertThat(group.getEntry()).as("two claims of one group, each once").hasSize(2);
    }

    @Test
    void aBodyThatIsNotFhirIsRefusedWith415AndAnOperationOutcome() {
        HttpResponse<String> response = city.send(city.request("/Patient", CityTokens.hospital("H001"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("name=Zhang Wei")));
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("\"resourceType\":\"OperationOutcome\"", "\"code\":\"not-supported\"");
    }

    @Test
    void aRequestWithoutTokenIsRefusedWith401AndAnOperationOutcome() {
        HttpResponse<String> response = city.send(city.request("/Patient").GET());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(response.body()).contains("\"resourceType\":\"OperationOutcome\"", "\"code\":\"login\"");
    }

    @Test
    void aNarrativeWhoseRootIsNotADivIsAClientErrorNotAServerError() {
        String observation = CityRecordClient.fhir().newJsonParser().encodeResourceToString(
                new HospitalFeed("H001").history(PERSONS.incrementAndGet(), HospitalFeed.Shape.SMALL).getEntry().stream()
                        .map(Bundle.BundleEntryComponent::getResource).filter(Observation.class::isInstance).findFirst().orElseThrow())
                .replaceFirst("\\{", "{\"text\":{\"status\":\"generated\",\"div\":\"<p xmlns=\\\\\"http://www.w3.org/1999/xhtml\\\\\">x</p>\"},");
        HttpResponse<String> response = city.send(city.request("/Observation", CityTokens.hospital("H001"))
                .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(observation)));
        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(response.body()).contains("OperationOutcome");
    }

    private Bundle pushedWith(Consumer<Observation> change) {
        Bundle history = new HospitalFeed("H001").history(PERSONS.incrementAndGet(), HospitalFeed.Shape.SMALL);
        history.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(Observation.class::isInstance)
                .map(Observation.class::cast).forEach(change);
        return city.hospital("H001").transaction().withBundle(history).execute();
    }

    /** A history whose entries get new urn:uuids on every call, with a Provenance naming all of them. */
    private static Bundle historyWithProvenance(int person) {
        Bundle history = new HospitalFeed("H001").history(person, HospitalFeed.Shape.SMALL);
        Provenance provenance = new Provenance();
        for (Bundle.BundleEntryComponent entry : history.getEntry()) {
            provenance.addTarget(new Reference(entry.getFullUrl()));
        }
        provenance.setRecorded(new java.util.Date(1_700_000_000_000L));
        provenance.addAgent().setWho(new Reference().setDisplay("H001 integration engine"));
        history.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(provenance)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Provenance");
        return history;
    }

    private long provenances() {
        return rows("Provenance");
    }

    private long rows(String type) {
        return jdbc.queryForObject("select count(*) from hfj_resource where res_type = ? and res_deleted_at is null",
                Long.class, type);
    }
}
