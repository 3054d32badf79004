package org.onecity.fhir.server;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.onecity.common.test.CityTokens;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.onecity.fhir.support.HospitalFeed;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a client sends, it gets a 4xx with an OperationOutcome, never a 500, and nothing is half stored. */
@CityRecordTest
class BadInputTest {


    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CityRecordClient city;


    @Test
    void malformedJsonIsA400() {
        assertRefused(() -> post("", "application/fhir+json", "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{"), 400);
    }

    @Test
    void malformedXmlIsA400() {
        assertRefused(() -> post("", "application/fhir+xml", "<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"transaction\"/><entry>"), 400);
    }

    @Test
    void aBodyThatIsNotFhirIsRefused() {
        assertRefused(() -> post("/Patient", "text/plain", "name=Zhang Wei"), 400, 415);
    }

    @Test
    void aResourceOfTheWrongTypeForItsUrlIsA400() {
        String observation = json(new HospitalFeed("H001").history(3001, HospitalFeed.Shape.SMALL).getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource).filter(Observation.class::isInstance).findFirst().orElseThrow());
        assertRefused(() -> post("/Patient", "application/fhir+json", observation), 400);
    }

    @Test
    void anInvalidDateIsRefused() {
        String bundle = json(new HospitalFeed("H001").history(3002, HospitalFeed.Shape.SMALL))
                .replaceFirst("\"birthDate\":\"[^\"]+\"", "\"birthDate\":\"1999-13-45\"");
        HttpResponse<String> response = post("", "application/fhir+json", bundle);
        assertThat(response.statusCode()).isBetween(400, 499);
        assertOutcome(response);
    }

    @Test
    void aBrokenReferenceRefusesTheWholeTransaction() {
        Bundle history = new HospitalFeed("H001").history(3003, HospitalFeed.Shape.SMALL);
        history.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Observation.class::isInstance).map(Observation.class::cast).findFirst().orElseThrow()
                .setSubject(new Reference("Patient/987654321"));
        assertRefused(() -> post("", "application/fhir+json", json(history)), 400, 404, 409, 412, 422);
    }

    @Test
    void aReferenceToAFullUrlNotInTheBundleIsRefused() {
        Bundle history = new HospitalFeed("H001").history(3004, HospitalFeed.Shape.SMALL);
        history.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Observation.class::isInstance).map(Observation.class::cast).findFirst().orElseThrow()
                .setSubject(new Reference("urn:uuid:7f0c8e9e-0000-4000-8000-000000000000"));
        assertRefused(() -> post("", "application/fhir+json", json(history)), 400, 404, 409, 412, 422);
    }

    @Test
    void aRequestOverTheSizeLimitIsA413() {
        byte[] big = new byte[65 * 1024 * 1024];
        assertRefused(() -> city.send(city.request("", CityTokens.hospital("H001")).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big))), 413);
    }

    @Test
    void aStreamedRequestOverTheSizeLimitIsA413() {
        Supplier<InputStream> endless = () -> new ByteArrayInputStream(new byte[65 * 1024 * 1024]);
        assertRefused(() -> city.send(city.request("", CityTokens.hospital("H001")).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(endless))), 413);
    }

    @Test
    void anUnknownResourceTypeIsA404() {
        assertRefused(() -> post("/Spaceship", "application/fhir+json", "{\"resourceType\":\"Spaceship\"}"), 404);
    }

    @Test
    void aHospitalSystemCannotPushAsAnotherHospital() {
        String bundle = json(new HospitalFeed("H002").history(3005, HospitalFeed.Shape.SMALL));
        HttpResponse<String> response = assertRefused(() -> post("", "application/fhir+json", bundle), 403);
        assertThat(response.body()).contains("acts for H001");
    }

    private HttpResponse<String> post(String path, String contentType, String body) {
        return city.send(city.request(path, CityTokens.hospital("H001")).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> assertRefused(Supplier<HttpResponse<String>> send, int... statuses) {
        long rowsBefore = rows();
        HttpResponse<String> response = send.get();
        assertThat(response.statusCode()).isIn(java.util.Arrays.stream(statuses).boxed().toList());
        assertOutcome(response);
        assertThat(response.body()).doesNotContain("at org.", "at ca.uhn", "Exception:");
        assertThat(rows()).isEqualTo(rowsBefore);
        return response;
    }

    private static void assertOutcome(HttpResponse<String> response) {
        OperationOutcome outcome = ca.uhn.fhir.rest.api.EncodingEnum.detectEncoding(response.body())
                .newParser(CityRecordClient.fhir()).parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getSeverity()).isIn(OperationOutcome.IssueSeverity.ERROR,
                OperationOutcome.IssueSeverity.FATAL);
    }

    private long rows() {
        return jdbc.queryForObject(HostileFhirInputTest.SENT_VERSIONS, Long.class);
    }

    private static String json(org.hl7.fhir.instance.model.api.IBaseResource resource) {
        return CityRecordClient.fhir().newJsonParser().encodeResourceToString(resource);
    }
}
