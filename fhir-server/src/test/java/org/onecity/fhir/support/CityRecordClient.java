package org.onecity.fhir.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import org.onecity.common.city.CityIdentifiers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Talks to the fhir-server under test over HTTP, as a hospital's system would. */
public final class CityRecordClient {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public CityRecordClient(int port) {
        this.baseUrl = "http://localhost:" + port + "/fhir";
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
    }

    public static FhirContext fhir() {
        return FHIR;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** A FHIR client that reads (no sender). */
    public IGenericClient reader() {
        return FHIR.newRestfulGenericClient(baseUrl);
    }

    /** A FHIR client of a hospital's system: every request names the hospital as its source. */
    public IGenericClient hospital(String code) {
        IGenericClient client = FHIR.newRestfulGenericClient(baseUrl);
        client.registerInterceptor(new ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor(
                java.util.Map.of("X-Request-Source", java.util.List.of(CityIdentifiers.HOSPITAL_SOURCE_PREFIX + code))));
        return client;
    }

    /** A raw HTTP exchange, for what a FHIR client would never send. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(120));
    }
}
