package org.onecity.fhir.recognition;

import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.security.BreakGlassHeader;
import org.onecity.common.test.CityTokens;
import org.onecity.fhir.support.CityFixture;
import org.onecity.fhir.support.CityPatientLinks;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.onecity.fhir.support.HospitalFeed;
import org.onecity.fhir.support.RecentResults;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A test another hospital did recently, which the city recognises, is offered before it is repeated: as CDS Hooks
 * cards on order-select and order-sign, and as the {@code $recognised-results} operation. Outside its window, below
 * the catalogue's hospital level, or for a person who opted out of sharing, nothing is offered.
 */
@CityRecordTest
class MutualRecognitionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    CityRecordClient city;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRecognisedTestOrderedInsideItsWindowYieldsACardLinkingToThePriorResult() throws Exception {
        int person = 4101;
        push("H001", new RecentResults("H001").bloodCount(person, 3, "recent"));
        String patientAtH002 = admittedAtH002(person);

        JsonNode answer = cds(CdsHooksService.ORDER_SELECT, "order-select", patientAtH002, bloodCountOrder(), "dr.chen");

        assertThat(answer.path("cards")).hasSize(1);
        JsonNode card = answer.path("cards").get(0);
        assertThat(card.path("summary").asText()).contains("City Central Hospital");
        assertThat(card.path("indicator").asText()).isEqualTo("warning");
        assertThat(card.path("links").get(0).path("url").asText()).contains("/fhir/DiagnosticReport/");
        assertThat(card.path("suggestions").get(0).path("actions").get(0).path("resourceId").get(0).asText())
                .isEqualTo("ServiceRequest/draft-cbc");
    }

    @Test
    void orderSignChecksEveryDraftOrder() throws Exception {
        int person = 4102;
        push("H001", new RecentResults("H001").bloodCount(person, 1, "recent"));
        String patientAtH002 = admittedAtH002(person);

        JsonNode answer = cds(CdsHooksService.ORDER_SIGN, "order-sign", patientAtH002, bloodCountOrder(), "dr.chen");

        assertThat(answer.path("cards")).hasSize(1);
    }

    @Test
    void theSameTestOutsideItsWindowYieldsNoCard() throws Exception {
        int person = 4103;
        push("H001", new RecentResults("H001").bloodCount(person, 10, "old"));
        String patientAtH002 = admittedAtH002(person);

        JsonNode answer = cds(CdsHooksService.ORDER_SELECT, "order-select", patientAtH002, bloodCountOrder(), "dr.chen");

        assertThat(answer.path("cards")).isEmpty();
    }

    @Test
    void anOptedOutPatientYieldsNothingToAnotherHospitalsDoctor() throws Exception {
        CityFixture fixture = CityFixture.of(city);
        push("H001", new RecentResults("H001").bloodCount(fixture.liNa.number(), 2, "opted-out"));

        JsonNode answer = cds(CdsHooksService.ORDER_SELECT, "order-select", fixture.liNa.h002Patient(),
                bloodCountOrder(), "dr.chen");
        Bundle viaOperation = recognised("dr.chen", fixture.liNa.h002Patient(), "58410-2");

        assertThat(answer.path("cards")).isEmpty();
        assertThat(matches(viaOperation)).isEmpty();
    }

    @Test
    void aDoctorNotCaringForThePersonIsOfferedNothing() throws Exception {
        int person = 4104;
        push("H001", new RecentResults("H001").bloodCount(person, 2, "recent"));
        String patientAtH002 = admittedAtH002(person);

        JsonNode answer = cds(CdsHooksService.ORDER_SELECT, "order-select", patientAtH002, bloodCountOrder(), "dr.zhao");

        assertThat(answer.path("cards")).isEmpty();
    }

    @Test
    void aDoctorBreakingTheGlassWithAChineseReasonIsOfferedTheResultAndThePatientsLogShowsTheReason() throws Exception {
        int person = 4105;
        push("H001", new RecentResults("H001").bloodCount(person, 2, "recent"));
        String patientAtH002 = admittedAtH002(person);
        String reason = "急诊抢救，患者昏迷，需查看近期血常规";

        HttpResponse<String> response = post("/cds-services/" + CdsHooksService.ORDER_SELECT,
                call("order-select", patientAtH002, bloodCountOrder(), "dr.zhao"), "dr.zhao",
                BreakGlassHeader.write(reason));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("cards")).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from onecity.audit_event where agent_subject = 'dr.zhao' "
                + "and purpose_of_use = 'BTG' and break_glass_reason = ?", Long.class, reason)).isPositive();
    }

    @Test
    void aMalformedBreakGlassReasonIsRefusedWith400BeforeTheCityRecordIsAsked() throws Exception {
        int person = 4106;
        push("H001", new RecentResults("H001").bloodCount(person, 2, "recent"));
        String patientAtH002 = admittedAtH002(person);
        Long before = jdbc.queryForObject("select count(*) from onecity.audit_event where agent_subject = 'dr.zhao'", Long.class);

        HttpResponse<String> response = post("/cds-services/" + CdsHooksService.ORDER_SELECT,
                call("order-select", patientAtH002, bloodCountOrder(), "dr.zhao"), "dr.zhao", "UTF-8''%E6%80%A5%E8");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("detail").asText()).contains("X-Break-Glass-Reason", "UTF-8");
        assertThat(jdbc.queryForObject("select count(*) from onecity.audit_event where agent_subject = 'dr.zhao'", Long.class)).isEqualTo(before);
    }

    @Test
    void theOperationSaysUntilWhenAResultIsRecognisedAndNamesUnlistedTests() {
        int person = 4105;
        push("H001", new RecentResults("H001").bloodCount(person, 2, "recent"));
        String patientAtH002 = admittedAtH002(person);

        Bundle answer = recognised("dr.chen", patientAtH002, "718-7", "12345-6");

        assertThat(matches(answer)).singleElement().satisfies(entry -> {
            assertThat(entry.getResource().fhirType()).isEqualTo("Observation");
            assertThat(entry.getSearch().getExtensionByUrl(RecognitionOperation.RECOGNISED_UNTIL)).isNotNull();
            assertThat(((Coding) entry.getSearch().getExtensionByUrl(RecognitionOperation.RECOGNISED_FOR).getValue())
                    .getCode()).isEqualTo("718-7");
        });
        assertThat(answer.getEntry()).anySatisfy(entry -> assertThat(entry.getResource())
                .isInstanceOfSatisfying(OperationOutcome.class, outcome ->
                        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("12345-6")));
    }

    @Test
    void anUnknownPatientIsNotFoundAndAnEmptyQuestionIsRefused() {
        assertThatThrownBy(() -> recognised("dr.chen", "no-such-patient", "58410-2"))
                .isInstanceOf(ResourceNotFoundException.class);
        String patientAtH002 = admittedAtH002(4107);
        assertThatThrownBy(() -> recognised("dr.chen", patientAtH002))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Name the tests");
    }

    @Test
    void imagingFromAHospitalBelowTheCataloguesLevelIsNotRecognised() {
        int person = 4106;
        push("H003", new RecentResults("H003").chestCt(person, 5));
        push("H001", new RecentResults("H001").chestCt(person, 20));
        String patientAtH002 = admittedAtH002(person);

        Bundle answer = recognised("dr.chen", patientAtH002, "24627-2");

        assertThat(matches(answer)).singleElement().satisfies(entry ->
                assertThat(entry.getResource().getMeta().getTag(CityIdentifiers.SOURCE_HOSPITAL_TAG, "H001")).isNotNull());
    }

    @Test
    void acceptedSuggestionsAreCountedAsTestsAvoided() throws Exception {
        double before = avoided();
        ObjectNode feedback = JSON.createObjectNode();
        var items = feedback.putArray("feedback");
        items.addObject().put("card", "c1").put("outcome", "accepted").put("outcomeTimestamp", "2026-11-26T10:00:00Z");
        items.addObject().put("card", "c2").put("outcome", "overridden").put("outcomeTimestamp", "2026-11-26T10:00:00Z");

        HttpResponse<String> response = post("/cds-services/" + CdsHooksService.ORDER_SELECT + "/feedback", feedback, "dr.chen");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(avoided() - before).isEqualTo(1.0);
    }

    @Test
    void discoveryListsTheServicesWithoutAToken() throws Exception {
        HttpResponse<String> response = city.send(HttpRequest.newBuilder(cdsUri("/cds-services")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> hooks = new ArrayList<>();
        JSON.readTree(response.body()).path("services").forEach(s -> hooks.add(s.path("hook").asText()));
        assertThat(hooks).containsExactlyInAnyOrder("order-select", "order-sign");
    }

    @Test
    void aServiceCallNeedsAToken() throws Exception {
        HttpResponse<String> response = city.send(HttpRequest.newBuilder(cdsUri("/cds-services/" + CdsHooksService.ORDER_SELECT))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    // --- helpers

    private void push(String hospital, Bundle bundle) {
        city.hospital(hospital).transaction().withBundle(bundle).execute();
    }

    /** Admits the person at H002 once every hospital's record of them is linked to their city patient. */
    private String admittedAtH002(int person) {
        push("H002", new RecentResults("H002").admission(person));
        CityPatientLinks links = new CityPatientLinks(city);
        List<String> records = city.admin().search().forResource(Patient.class)
                .where(new TokenClientParam("identifier").exactly()
                        .systemAndCode(CityIdentifiers.CITIZEN_ID, HospitalFeed.citizenId(person)))
                .returnBundle(Bundle.class).execute().getEntry().stream()
                .map(e -> (Patient) e.getResource())
                .filter(p -> !p.getMeta().getTag().stream().anyMatch(t -> "GOLDEN_RECORD".equals(t.getCode())))
                .map(p -> p.getIdElement().getIdPart()).toList();
        records.forEach(links::awaitCityPatient);
        return city.admin().search().forResource(Patient.class)
                .where(new TokenClientParam("identifier").exactly()
                        .systemAndCode(CityIdentifiers.hospitalNamespace("H002") + "mrn", "MRN-" + person))
                .returnBundle(Bundle.class).execute().getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    private static ServiceRequest bloodCountOrder() {
        ServiceRequest order = new ServiceRequest();
        order.setId("draft-cbc");
        order.setStatus(ServiceRequest.ServiceRequestStatus.DRAFT);
        order.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        order.setCode(new CodeableConcept(new Coding(CityIdentifiers.LOINC, "58410-2", "CBC panel")));
        order.setSubject(new Reference("Patient/unknown-to-the-ehr"));
        return order;
    }

    private JsonNode cds(String service, String hook, String patientId, ServiceRequest draft, String doctor)
            throws Exception {
        HttpResponse<String> response = post("/cds-services/" + service, call(hook, patientId, draft, doctor), doctor);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static ObjectNode call(String hook, String patientId, ServiceRequest draft, String doctor) throws Exception {
        Bundle drafts = new Bundle().setType(Bundle.BundleType.COLLECTION);
        drafts.addEntry().setResource(draft);
        ObjectNode call = JSON.createObjectNode();
        call.put("hook", hook).put("hookInstance", UUID.randomUUID().toString());
        ObjectNode context = call.putObject("context");
        context.put("userId", "Practitioner/" + doctor.replace('.', '-')).put("patientId", patientId);
        context.putArray("selections").add("ServiceRequest/" + draft.getIdElement().getIdPart());
        context.set("draftOrders", JSON.readTree(CityRecordClient.fhir().newJsonParser().encodeResourceToString(drafts)));
        return call;
    }

    private HttpResponse<String> post(String path, JsonNode body, String doctor) throws Exception {
        return post(path, body, doctor, null);
    }

    private HttpResponse<String> post(String path, JsonNode body, String doctor, String breakGlassHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(cdsUri(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + CityTokens.doctor(doctor));
        if (breakGlassHeader != null) {
            request.header(BreakGlassHeader.NAME, breakGlassHeader);
        }
        return city.send(request.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private URI cdsUri(String path) {
        return URI.create(city.baseUrl().replaceFirst("/fhir$", "") + path);
    }

    private Bundle recognised(String doctor, String patientId, String... loincCodes) {
        Parameters question = new Parameters();
        for (String code : loincCodes) {
            question.addParameter().setName("code").setValue(new StringType(CityIdentifiers.LOINC + "|" + code));
        }
        return city.doctor(doctor).operation().onInstance("Patient/" + patientId).named(RecognitionOperation.NAME)
                .withParameters(question).returnResourceType(Bundle.class).execute();
    }

    private static List<Bundle.BundleEntryComponent> matches(Bundle answer) {
        return answer.getEntry().stream().filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH).toList();
    }

    private double avoided() {
        return meters.find("onecity.recognition.tests.avoided").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
