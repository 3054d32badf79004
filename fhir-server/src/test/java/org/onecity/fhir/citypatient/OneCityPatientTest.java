package org.onecity.fhir.citypatient;

import ca.uhn.fhir.mdm.api.MdmConstants;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.fhir.ingest.SourceStamp;
import org.onecity.fhir.support.CityPatientLinks;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.onecity.fhir.support.HospitalFeed;
import org.onecity.fhir.support.RecentResults;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each hospital keeps its own Patient record; the city links them to one city patient by citizen ID or card
 * number, and proposes, never makes, a link on weaker evidence. The bureau reviews proposals, and can accept, reject
 * and undo links, with history.
 */
@CityRecordTest
class OneCityPatientTest {

    @Autowired
    CityRecordClient city;

    @Test
    void recordsWithTheSameCitizenIdAtTwoHospitalsAreOneCityPatient() {
        String atH001 = push("H001", 4001);
        String atH002 = push("H002", 4001);
        CityPatientLinks links = new CityPatientLinks(city);

        String cityPatient = links.awaitCityPatient(atH001);

        assertThat(links.awaitCityPatient(atH002)).isEqualTo(cityPatient);
        Patient golden = city.admin().read().resource(Patient.class).withId(cityPatient).execute();
        assertThat(golden.getMeta().getTag(MdmConstants.SYSTEM_GOLDEN_RECORD_STATUS, MdmConstants.CODE_GOLDEN_RECORD))
                .isNotNull();
        assertThat(golden.getIdentifier()).anyMatch(i -> CityIdentifiers.CITIZEN_ID.equals(i.getSystem())
                && HospitalFeed.citizenId(4001).equals(i.getValue()));
    }

    @Test
    void theSameCardWithoutACitizenIdLinksToo() {
        String atH001 = push("H001", 4002);
        Patient cardOnly = new HospitalFeed("H003").patient(4002);
        cardOnly.getIdentifier().removeIf(i -> CityIdentifiers.CITIZEN_ID.equals(i.getSystem()));
        String atH003 = push("H003", cardOnly);
        CityPatientLinks links = new CityPatientLinks(city);

        assertThat(links.awaitCityPatient(atH003)).isEqualTo(links.awaitCityPatient(atH001));
    }

    @Test
    void nameBirthDateAndSexOnlyProposeALinkForReview() {
        CityPatientLinks links = new CityPatientLinks(city);
        String cityPatient = links.awaitCityPatient(push("H001", 4003));
        String lookalike = push("H003", lookalikeOf(4003, 4903));

        CityPatientLinks.Link proposal = links.await(lookalike, "POSSIBLE_MATCH");

        assertThat(proposal.cityPatient()).isEqualTo(cityPatient);
        assertThat(links.of(lookalike)).noneMatch(l -> "MATCH".equals(l.matchResult()));
        assertThat(everythingOf(city.admin(), cityPatient)).doesNotContain("Patient/" + lookalike);
    }

    @Test
    void aDifferentCitizenIdMakesAnotherCityPatientProposedAsAPossibleDuplicate() {
        CityPatientLinks links = new CityPatientLinks(city);
        String first = links.awaitCityPatient(push("H001", 4007));
        Patient namesake = lookalikeOf(4007, 4907);
        namesake.addIdentifier().setSystem(CityIdentifiers.CITIZEN_ID).setValue(HospitalFeed.citizenId(4907));

        String second = links.awaitCityPatient(push("H003", namesake));

        assertThat(second).isNotEqualTo(first);
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(Stream.concat(links.of(first).stream(), links.of(second).stream()))
                        .anyMatch(l -> "POSSIBLE_DUPLICATE".equals(l.matchResult())
                                && Set.of(first, second).equals(Set.of(l.cityPatient(), l.record()))));
    }

    @Test
    void theBureauAcceptsAProposalAndUndoesItWithHistory() {
        CityPatientLinks links = new CityPatientLinks(city);
        String cityPatient = links.awaitCityPatient(push("H001", 4004));
        String lookalike = push("H003", lookalikeOf(4004, 4904));
        links.await(lookalike, "POSSIBLE_MATCH");

        updateLink(cityPatient, lookalike, "MATCH");
        assertThat(everythingOf(city.admin(), cityPatient)).contains("Patient/" + lookalike);

        updateLink(cityPatient, lookalike, "NO_MATCH");
        assertThat(everythingOf(city.admin(), cityPatient)).doesNotContain("Patient/" + lookalike);
        Parameters history = city.admin().operation().onServer().named("$mdm-link-history")
                .withParameter(Parameters.class, "goldenResourceId", new StringType("Patient/" + cityPatient))
                .andParameter("resourceId", new StringType("Patient/" + lookalike))
                .useHttpGet().execute();
        List<String> results = history.getParameter().stream()
                .filter(p -> "historical link".equals(p.getName())).flatMap(p -> p.getPart().stream())
                .filter(p -> "matchResult".equals(p.getName())).map(p -> p.getValue().primitiveValue()).toList();
        assertThat(results).contains("POSSIBLE_MATCH", "MATCH", "NO_MATCH");
    }

    @Test
    void patientMatchGradesTheCandidates() {
        String atH001 = push("H001", 4005);
        new CityPatientLinks(city).awaitCityPatient(atH001);

        Map<String, String> sameCitizen = grades(new HospitalFeed("H002").patient(4005));
        Map<String, String> lookalike = grades(lookalikeOf(4005, 4905));

        assertThat(sameCitizen).containsEntry(atH001, "certain");
        assertThat(lookalike).containsEntry(atH001, "possible");
    }

    @Test
    void aDoctorAtAnotherHospitalSeesEveryHospitalsRecordsThroughTheCityPatient() {
        city.hospital("H001").transaction()
                .withBundle(new HospitalFeed("H001").history(4006, HospitalFeed.Shape.SMALL)).execute();
        String atH001 = push("H001", 4006); // the same record again: nothing new
        city.hospital("H002").transaction().withBundle(new RecentResults("H002").admission(4006)).execute();
        String atH002 = push("H002", 4006);
        CityPatientLinks links = new CityPatientLinks(city);
        String cityPatient = links.awaitCityPatient(atH001);
        links.awaitCityPatient(atH002);
        IGenericClient drChen = city.doctor("dr.chen");

        Bundle everything = drChen.operation().onInstance("Patient/" + cityPatient).named("$everything")
                .withNoParameters(Parameters.class).returnResourceType(Bundle.class).useHttpGet().execute();
        Bundle trend = drChen.search().byUrl("Observation?patient=Patient/" + cityPatient
                + "&code=http://loinc.org|718-7&_sort=date").returnBundle(Bundle.class).execute();

        Set<String> reportSources = everything.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> "DiagnosticReport".equals(r.fhirType()))
                .map(r -> SourceStamp.sourceHospital(r).orElse("?")).collect(Collectors.toSet());
        assertThat(reportSources).containsExactly("H001");
        Set<String> types = everything(drChen, cityPatient, "_type=Observation&_count=100").getEntry().stream()
                .map(e -> e.getResource().fhirType()).collect(Collectors.toSet());
        assertThat(types).as("observations (with what they refer to), none of the other kinds").contains("Observation")
                .doesNotContain("DiagnosticReport", "DocumentReference", "ServiceRequest", "ChargeItem");
        assertThat(everything(drChen, cityPatient, "_count=2").getLink(Bundle.LINK_NEXT)).as("paged").isNotNull();
        assertThat(trend.getEntry()).isNotEmpty().allSatisfy(e -> {
            assertThat(SourceStamp.sourceHospital(e.getResource())).contains("H001");
            assertThat(e.getResource().getMeta().getSource()).startsWith(CityIdentifiers.HOSPITAL_SOURCE_PREFIX);
        });
    }

    // --- helpers

    private String push(String hospital, int person) {
        return push(hospital, new HospitalFeed(hospital).patient(person));
    }

    private String push(String hospital, Patient patient) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        HospitalFeed.add(bundle, new HospitalFeed(hospital).hospital());
        HospitalFeed.add(bundle, patient);
        city.hospital(hospital).transaction().withBundle(bundle).execute();
        String mrn = patient.getIdentifier().get(0).getValue();
        return city.admin().search().forResource(Patient.class)
                .where(new TokenClientParam("identifier").exactly()
                        .systemAndCode(CityIdentifiers.hospitalNamespace(hospital) + "mrn", mrn))
                .returnBundle(Bundle.class).execute().getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    /** A record at H003 with the same name, birth date and sex as {@code person}, another card and no citizen ID. */
    private static Patient lookalikeOf(int person, int other) {
        Patient lookalike = new HospitalFeed("H003").patient(person);
        lookalike.getIdentifier().removeIf(i -> !i.getSystem().endsWith("/mrn"));
        lookalike.getIdentifierFirstRep().setValue("MRN-" + other);
        lookalike.addIdentifier().setSystem(CityIdentifiers.INSURANCE_CARD).setValue(String.format("SC%010d", other));
        return lookalike;
    }

    private Bundle everything(IGenericClient client, String patientId, String query) {
        return client.fetchResourceFromUrl(Bundle.class,
                city.baseUrl() + "/Patient/" + patientId + "/$everything?" + query);
    }

    private static List<String> everythingOf(IGenericClient client, String patientId) {
        Bundle everything = client.operation().onInstance("Patient/" + patientId).named("$everything")
                .withNoParameters(Parameters.class).returnResourceType(Bundle.class).useHttpGet().execute();
        return everything.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .map(r -> r.getIdElement().toUnqualifiedVersionless().getValue()).toList();
    }

    private void updateLink(String cityPatient, String record, String result) {
        city.admin().operation().onServer().named("$mdm-update-link")
                .withParameter(Parameters.class, "goldenResourceId", new StringType("Patient/" + cityPatient))
                .andParameter("resourceId", new StringType("Patient/" + record))
                .andParameter("matchResult", new StringType(result))
                .execute();
    }

    private Map<String, String> grades(Patient query) {
        Bundle candidates = city.admin().operation().onType(Patient.class).named("$match")
                .withParameter(Parameters.class, "resource", query).returnResourceType(Bundle.class).execute();
        return candidates.getEntry().stream().collect(Collectors.toMap(
                e -> e.getResource().getIdElement().getIdPart(),
                e -> {
                    Extension grade = e.getSearch().getExtensionByUrl(MdmConstants.FIHR_STRUCTURE_DEF_MATCH_GRADE_URL_NAMESPACE);
                    return grade == null ? "?" : grade.getValue().primitiveValue();
                }));
    }

}
