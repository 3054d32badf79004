package org.onecity.fhir.access;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.test.CityTokens;
import org.onecity.fhir.support.CityFixture;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The siblings of the quoted attacks, found by reading the code as an attacker: oracles in conditional URLs,
 * conditional references, counts and page links, refusals that name an owner, batch entries past the request hooks,
 * identifiers squatted by PATCH, stored binary content claimed by another record, and metrics.
 */
@CityRecordTest
class SiblingAttacksTest {

    private static final String FHIR_JSON = "application/fhir+json";

    @Autowired
    CityRecordClient city;
    CityFixture fixture;

    @BeforeEach
    void data() {
        fixture = CityFixture.of(city);
    }

    @Test
    void aConditionalUrlSearchesTheTypeItWritesAndNothingElse() {
        Observation mine = AttackFixture.labResult("H002", "SIBLING-1", fixture.zhangWei.h002Patient(), 13);
        HttpResponse<String> create = send("POST", "/Observation", CityTokens.hospital("H002"), json(mine), FHIR_JSON,
                "If-None-Exist", "Organization?_id=" + fixture.zhangWei.h001Observation());
        assertThat(create.statusCode()).as(create.body()).isEqualTo(400);
        assertThat(create.headers().firstValue("Location")).isEmpty();

        Bundle entry = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        entry.addEntry().setResource(mine).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                .setUrl("Organization?identifier=" + CityIdentifiers.hospitalNamespace("H001") + "lab-result|OBS-1-0");
        assertThat(send("POST", "/", CityTokens.hospital("H002"), json(entry), FHIR_JSON).statusCode()).isEqualTo(400);
    }

    @Test
    void aConditionalUrlAsksOnlyWhatASearchMayAsk() {
        Observation mine = AttackFixture.labResult("H002", "SIBLING-2", fixture.zhangWei.h002Patient(), 13);
        HttpResponse<String> probe = send("POST", "/Observation", CityTokens.hospital("H002"), json(mine), FHIR_JSON,
                "If-None-Exist", "identifier=x&subject.birthdate=1951-01-02");
        assertThat(probe.statusCode()).as(probe.body()).isEqualTo(403);
        HttpResponse<String> has = send("PATCH", "/Observation?_has:Observation:has-member:code=718-7",
                CityTokens.hospital("H002"), "[]", "application/json-patch+json");
        assertThat(has.statusCode()).isEqualTo(403);
    }

    @Test
    void noConditionalReferenceSearchesTheCityForAPatientOrAPatch() {
        String consent = """
                {"resourceType":"Consent","status":"proposed","scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
                 "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
                 "patient":{"reference":"Patient/%s"},"policyRule":{"text":"x"},
                 "provision":{"data":[{"meaning":"related","reference":{"reference":"Observation?subject:Patient.identifier=%s%%7C%s"}}]}}"""
                .formatted(fixture.zhangWei.h001Patient(), CityIdentifiers.CITIZEN_ID, fixture.liNa.citizenId());
        HttpResponse<String> patient = send("POST", "/Consent", CityTokens.patient("zhang.wei"), consent, FHIR_JSON);
        assertThat(patient.statusCode()).as(patient.body()).isEqualTo(403);

        String own = city.hospital("H002").create().resource(AttackFixture.labResult("H002", "SIBLING-3",
                fixture.zhangWei.h002Patient(), 13)).execute().getId().getIdPart();
        HttpResponse<String> patch = send("PATCH", "/Observation/" + own, CityTokens.hospital("H002"),
                "[{\"op\":\"add\",\"path\":\"/focus\",\"value\":[{\"reference\":\"Observation?code=718-7&subject:Patient.identifier="
                        + CityIdentifiers.CITIZEN_ID + "%7C" + fixture.liNa.citizenId() + "\"}]}]",
                "application/json-patch+json");
        assertThat(patch.statusCode()).as(patch.body()).isEqualTo(403);
    }

    @Test
    void pagesNeverTellThatHiddenRecordsExist() {
        String drZhao = CityTokens.doctor("dr.zhao");
        // one person the doctor may not see: the search reaches none of their records, so no page follows
        Bundle one = search("/Observation?subject=Patient/" + fixture.zhangWei.h001Patient() + "&_count=1", drZhao);
        assertThat(one.getEntry()).isEmpty();
        assertThat(one.getLink(Bundle.LINK_NEXT)).isNull();
        // two people, each hidden: judged as loaded, so HAPI counts nothing and offers no page
        Bundle two = search("/Observation?subject=Patient/" + fixture.zhangWei.h001Patient() + ",Patient/"
                + fixture.liNa.h001Patient() + "&_count=1", drZhao);
        assertThat(two.getEntry()).isEmpty();
        assertThat(two.getLink(Bundle.LINK_NEXT)).isNull();
        // an opted-out person: the doctor in care pages through the own hospital's records only
        String drChen = CityTokens.doctor("dr.chen");
        int pages = 0;
        Bundle page = search("/Observation?subject=Patient/" + fixture.liNa.h001Patient() + "&_count=1", drChen);
        assertThat(page.getEntry()).isEmpty();
        assertThat(page.getLink(Bundle.LINK_NEXT)).as("Li Na's H001 record is hidden from H002's doctor").isNull();
        page = search("/Observation?subject=Patient/" + fixture.liNa.h002Patient() + "&_count=1", drChen);
        while (page.getLink(Bundle.LINK_NEXT) != null) {
            assertThat(page.getEntry()).hasSize(1);
            pages++;
            page = search(page.getLink(Bundle.LINK_NEXT).getUrl(), drChen);
        }
        assertThat(pages).isPositive();
    }

    @Test
    void aBatchCarriesNoHistoryAndNoOperation() {
        for (String url : new String[] {"Observation/" + fixture.zhangWei.h001Observation() + "/_history",
                "Observation/_history", "Patient/" + fixture.zhangWei.h001Patient() + "/$everything"}) {
            String batch = """
                    {"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"GET","url":"%s"}}]}""".formatted(url);
            assertThat(send("POST", "/", CityTokens.doctor("dr.zhao"), batch, FHIR_JSON).statusCode()).as(url).isEqualTo(403);
        }
    }

    @Test
    void aRefusedWriteNeverNamesWhoSentTheRecord() {
        HttpResponse<String> delete = send("DELETE", "/Observation/" + fixture.zhangWei.h001Observation(),
                CityTokens.hospital("H003"), null, null);
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(delete.body()).doesNotContain("H001").contains("H003 may change only records it sent");
    }

    @Test
    void aDeletedRecordAndAVersionThatNeverWasAreNotKnownLikeAnyOther() {
        String gone = city.hospital("H001").create().resource(AttackFixture.labResult("H001", "SIBLING-GONE",
                fixture.zhangWei.h001Patient(), 12)).execute().getId().getIdPart();
        city.hospital("H001").delete().resourceById("Observation", gone).execute();
        String drChen = CityTokens.doctor("dr.chen");
        HttpResponse<String> deleted = send("GET", "/Observation/" + gone, drChen, null, null);
        HttpResponse<String> never = send("GET", "/Observation/999999999", drChen, null, null);
        HttpResponse<String> noVersion = send("GET", "/Observation/" + fixture.zhangWei.h001Observation() + "/_history/99",
                drChen, null, null);
        assertThat(deleted.statusCode()).isEqualTo(never.statusCode()).isEqualTo(noVersion.statusCode()).isEqualTo(404);
        assertThat(deleted.body()).contains("Resource Observation/" + gone + " is not known").doesNotContain("deleted");
        assertThat(noVersion.body()).contains("is not known").doesNotContain("Version");
        assertThat(send("GET", "/Observation/" + gone, CityTokens.admin(), null, null).statusCode())
                .as("the bureau learns it was deleted").isEqualTo(410);
    }

    @Test
    void aHospitalCannotTakeAnotherHospitalsIdentifiersByPatch() {
        String own = city.hospital("H002").create().resource(AttackFixture.labResult("H002", "SIBLING-4",
                fixture.zhangWei.h002Patient(), 13)).execute().getId().getIdPart();
        HttpResponse<String> squat = send("PATCH", "/Observation/" + own, CityTokens.hospital("H002"),
                "[{\"op\":\"add\",\"path\":\"/identifier/-\",\"value\":{\"system\":\""
                        + CityIdentifiers.hospitalNamespace("H001") + "lab-result\",\"value\":\"NEXT-ACCESSION\"}}]",
                "application/json-patch+json");
        assertThat(squat.statusCode()).as(squat.body()).isEqualTo(403);

        Organization h002 = (Organization) city.admin().search().byUrl("Organization?identifier="
                + CityIdentifiers.HOSPITAL_CODE + "|H002").returnBundle(Bundle.class).execute().getEntryFirstRep().getResource();
        HttpResponse<String> code = send("PATCH", "/Organization/" + h002.getIdElement().getIdPart(),
                CityTokens.hospital("H002"), "[{\"op\":\"add\",\"path\":\"/identifier/-\",\"value\":{\"system\":\""
                        + CityIdentifiers.HOSPITAL_CODE + "\",\"value\":\"H001\"}}]", "application/json-patch+json");
        assertThat(code.statusCode()).as(code.body()).isEqualTo(403);
    }

    @Test
    void anAttachmentCannotNameBinaryContentStoredForAnotherRecord() {
        String document = """
                {"resourceType":"DocumentReference","masterIdentifier":{"system":"%sdocument","value":"SIBLING-5"},
                 "status":"current","type":{"coding":[{"system":"http://loinc.org","code":"18842-5"}]},
                 "subject":{"reference":"Patient/%s"},
                 "content":[{"attachment":{"contentType":"text/plain","url":"x",
                   "extension":[{"url":"http://hapifhir.io/fhir/StructureDefinition/externalized-binary-id","valueString":"a-blob-of-h001"}]}}]}"""
                .formatted(CityIdentifiers.hospitalNamespace("H002"), fixture.zhangWei.h002Patient());
        HttpResponse<String> create = send("POST", "/DocumentReference", CityTokens.hospital("H002"), document, FHIR_JSON);
        assertThat(create.statusCode()).as(create.body()).isEqualTo(403);
    }

    @Test
    void metricsAreTheBureausAlone() {
        URI prometheus = URI.create(city.baseUrl().replaceFirst("/fhir$", "") + "/actuator/prometheus");
        for (String token : new String[] {CityTokens.hospital("H001"), CityTokens.patient("zhang.wei"), CityTokens.insurer()}) {
            assertThat(city.send(HttpRequest.newBuilder(prometheus).header("Authorization", "Bearer " + token).GET())
                    .statusCode()).isEqualTo(403);
        }
        assertThat(city.send(HttpRequest.newBuilder(prometheus).header("Authorization", "Bearer " + CityTokens.admin())
                .GET()).statusCode()).isEqualTo(200);
    }

    private Bundle search(String pathOrUrl, String token) {
        HttpRequest.Builder request = pathOrUrl.startsWith("http")
                ? HttpRequest.newBuilder(URI.create(pathOrUrl)).header("Authorization", "Bearer " + token)
                : city.request(pathOrUrl, token);
        HttpResponse<String> response = city.send(request.header("Accept", FHIR_JSON).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (Bundle) CityRecordClient.fhir().newJsonParser().parseResource(response.body());
    }

    private HttpResponse<String> send(String method, String path, String token, String body, String contentType,
            String... headers) {
        HttpRequest.Builder request = city.request(path, token).header("Accept", FHIR_JSON);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return city.send(request);
    }

    private static String json(org.hl7.fhir.r4.model.Resource resource) {
        return CityRecordClient.fhir().newJsonParser().encodeResourceToString(resource);
    }
}
