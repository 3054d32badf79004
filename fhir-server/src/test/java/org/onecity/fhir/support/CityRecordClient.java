package org.onecity.fhir.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import org.onecity.common.test.CityTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Talks to the fhir-server under test over HTTP, as the city's systems and people do: each client carries the
 * access token its owner obtains from the embedded issuer.
 */
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

    /** The client of a hospital's system (HIS, LIS), with its client-credentials token. */
    public IGenericClient hospital(String code) {
        return as(CityTokens.hospital(code));
    }

    /** The bureau's operators: sees everything, on record. */
    public IGenericClient admin() {
        return as(CityTokens.admin());
    }

    public IGenericClient doctor(String username) {
        return as(CityTokens.doctor(username));
    }

    public IGenericClient patient(String username) {
        return as(CityTokens.patient(username));
    }

    public IGenericClient insurer() {
        return as(CityTokens.insurer());
    }

    /** A client with no token at all. */
    public IGenericClient anonymous() {
        return FHIR.newRestfulGenericClient(baseUrl);
    }

    public IGenericClient as(String token) {
        IGenericClient client = FHIR.newRestfulGenericClient(baseUrl);
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
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

    /** A request to a path under /fhir, without a token. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(120));
    }

    /** A request to a path under /fhir with a token. */
    public HttpRequest.Builder request(String path, String token) {
        return request(path).header("Authorization", "Bearer " + token);
    }
}
