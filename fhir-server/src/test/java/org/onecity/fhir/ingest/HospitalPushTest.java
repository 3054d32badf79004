package org.onecity.fhir.ingest;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.onecity.fhir.support.HospitalFeed;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@CityRecordTest
class HospitalPushTest {

    /** Each test pushes patients no other test uses. */
    private static final AtomicInteger PERSONS = new AtomicInteger(1000);

    @Autowired
    CityRecordClient city;


    @Test
    void aHospitalPushesATransactionBundleWithEveryKindOfRecord() {
        int person = PERSONS.incrementAndGet();
        Bundle history = new HospitalFeed("H001").history(person, HospitalFeed.Shape.SMALL);

        Bundle response = city.hospital("H001").transaction().withBundle(history).execute();

        assertThat(response.getEntry()).hasSize(history.getEntry().size());
        // the hospital's Organization may exist from an earlier push; everything about the new patient is created
        assertThat(response.getEntry().subList(1, response.getEntry().size()))
                .allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"));
        Map<String, Long> types = response.getEntry().stream()
                .map(e -> e.getResponse().getLocation().split("/")[0])
                .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
        assertThat(types).containsOnlyKeys("Organization", "Patient", "Encounter", "Observation",
                "DiagnosticReport", "DocumentReference", "ServiceRequest", "ChargeItem");
        Patient stored = patientByRecordNumber("H001", person);
        assertThat(stored.getIdentifier()).extracting(i -> i.getSystem()).contains(
                CityIdentifiers.hospitalNamespace("H001") + "mrn", CityIdentifiers.CITIZEN_ID, CityIdentifiers.INSURANCE_CARD);
    }

    @Test
    void pushingTheSameBundleAgainCreatesNothingNew() {
        int person = PERSONS.incrementAndGet();
        HospitalFeed feed = new HospitalFeed("H001");
        IGenericClient hospital = city.hospital("H001");
        hospital.transaction().withBundle(feed.history(person, HospitalFeed.Shape.SMALL)).execute();
        Patient patient = patientByRecordNumber("H001", person);
        List<String> before = versionedIdsOfEverythingAbout(patient);

        Bundle again = hospital.transaction().withBundle(feed.history(person, HospitalFeed.Shape.SMALL)).execute();

        assertThat(again.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("200"));
        assertThat(versionedIdsOfEverythingAbout(patient)).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void anAmendedReportBecomesANewVersionOfTheSameResource() {
        int person = PERSONS.incrementAndGet();
        HospitalFeed feed = new HospitalFeed("H001");
        IGenericClient hospital = city.hospital("H001");
        hospital.transaction().withBundle(feed.history(person, HospitalFeed.Shape.SMALL)).execute();
        DiagnosticReport original = reportOf(person);

        Bundle amendment = feed.history(person, HospitalFeed.Shape.SMALL);
        amendment.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(DiagnosticReport.class::isInstance).map(DiagnosticReport.class::cast)
                .forEach(r -> r.setStatus(DiagnosticReport.DiagnosticReportStatus.AMENDED)
                        .setConclusion("Potassium re-measured; earlier value was haemolysed."));
        hospital.transaction().withBundle(amendment).execute();

        DiagnosticReport amended = reportOf(person);
        assertThat(amended.getIdPart()).isEqualTo(original.getIdPart());
        assertThat(amended.getMeta().getVersionId()).isEqualTo("2");
        assertThat(amended.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.AMENDED);
        Bundle history = city.admin().history().onInstance(amended.getIdElement().toVersionless())
                .returnBundle(Bundle.class).execute();
        assertThat(history.getEntry()).hasSize(2);
    }

    @Test
    void everyStoredResourceRecordsTheHospitalThatSentIt() {
        int person = PERSONS.incrementAndGet();
        city.hospital("H002").transaction().withBundle(new HospitalFeed("H002").history(person, HospitalFeed.Shape.SMALL)).execute();

        Patient patient = patientByRecordNumber("H002", person);
        List<Resource> everything = everythingAbout(patient);
        assertThat(everything).hasSizeGreaterThan(5).allSatisfy(resource -> {
            assertThat(resource.getMeta().getSource()).startsWith(CityIdentifiers.HOSPITAL_SOURCE_PREFIX + "H002");
            assertThat(resource.getMeta().getTag(CityIdentifiers.SOURCE_HOSPITAL_TAG, "H002")).isNotNull();
        });
        Bundle bySource = city.admin().search().forResource(Observation.class)
                .withTag(CityIdentifiers.SOURCE_HOSPITAL_TAG, "H002")
                .where(Observation.SUBJECT.hasId(patient.getIdElement().toUnqualifiedVersionless()))
                .returnBundle(Bundle.class).execute();
        assertThat(bySource.getEntry()).isNotEmpty();
    }

    @Test
    void aBatchBundleIsPushedEntryByEntryAndIsIdempotentToo() {
        int person = PERSONS.incrementAndGet();
        HospitalFeed feed = new HospitalFeed("H003");
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        HospitalFeed.add(batch, feed.hospital());
        HospitalFeed.add(batch, feed.patient(person));

        Bundle first = city.hospital("H003").transaction().withBundle(batch).execute();
        Bundle second = city.hospital("H003").transaction().withBundle(batch).execute();

        assertThat(first.getEntry()).extracting(e -> e.getResponse().getStatus()).allMatch(s -> s.startsWith("20"));
        assertThat(second.getEntry()).extracting(e -> e.getResponse().getLocation())
                .containsExactlyElementsOf(first.getEntry().stream().map(e -> e.getResponse().getLocation()).toList());
    }

    @Test
    void theSamePersonAtTwoHospitalsKeepsEachHospitalsOwnRecord() {
        int person = PERSONS.incrementAndGet();
        city.hospital("H001").transaction().withBundle(new HospitalFeed("H001").history(person, HospitalFeed.Shape.SMALL)).execute();
        city.hospital("H002").transaction().withBundle(new HospitalFeed("H002").history(person, HospitalFeed.Shape.SMALL)).execute();

        Bundle sameCitizen = city.admin().search().forResource(Patient.class)
                .where(new TokenClientParam("identifier").exactly()
                        .systemAndCode(CityIdentifiers.CITIZEN_ID, HospitalFeed.citizenId(person)))
                .returnBundle(Bundle.class).execute();
        assertThat(sameCitizen.getEntry()).hasSize(2);
    }

    @Test
    void aHospitalCannotOverwriteAnotherHospitalsRecord() {
        int person = PERSONS.incrementAndGet();
        city.hospital("H001").transaction().withBundle(new HospitalFeed("H001").history(person, HospitalFeed.Shape.SMALL)).execute();
        Patient theirs = patientByRecordNumber("H001", person);
        // H002's own version of the person, aimed at H001's record
        Patient overwrite = new HospitalFeed("H002").patient(person);
        overwrite.setId(theirs.getIdElement().toUnqualifiedVersionless());
        overwrite.getNameFirstRep().setFamily("Overwritten");

        assertThatThrownBy(() -> city.hospital("H002").update().resource(overwrite).execute())
                .isInstanceOf(ForbiddenOperationException.class);
        assertThatThrownBy(() -> city.hospital("H002").delete().resource(theirs).execute())
                .isInstanceOf(ForbiddenOperationException.class);
        assertThat(patientByRecordNumber("H001", person).getNameFirstRep().getFamily()).isEqualTo("Zhang");
    }

    private Patient patientByRecordNumber(String hospital, int person) {
        Bundle found = city.admin().search().forResource(Patient.class)
                .where(new TokenClientParam("identifier").exactly()
                        .systemAndCode(CityIdentifiers.hospitalNamespace(hospital) + "mrn", "MRN-" + person))
                .returnBundle(Bundle.class).execute();
        assertThat(found.getEntry()).hasSize(1);
        return (Patient) found.getEntryFirstRep().getResource();
    }

    private DiagnosticReport reportOf(int person) {
        Bundle found = city.admin().search().forResource(DiagnosticReport.class)
                .where(new TokenClientParam("identifier").exactly()
                        .systemAndCode(CityIdentifiers.hospitalNamespace("H001") + "report", "RPT-" + person + "-0"))
                .returnBundle(Bundle.class).execute();
        assertThat(found.getEntry()).hasSize(1);
        return (DiagnosticReport) found.getEntryFirstRep().getResource();
    }

    private List<Resource> everythingAbout(Patient patient) {
        Bundle everything = city.admin().operation().onInstance(patient.getIdElement().toUnqualifiedVersionless())
                .named("$everything").withNoParameters(org.hl7.fhir.r4.model.Parameters.class)
                .returnResourceType(Bundle.class).execute();
        return everything.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
    }

    private List<String> versionedIdsOfEverythingAbout(Patient patient) {
        return everythingAbout(patient).stream().map(r -> r.getIdElement().toUnqualified().getValue()).toList();
    }
}
