package org.onecity.billing.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.onecity.common.test.CityTokens;
import org.springframework.core.env.Environment;
import org.springframework.boot.test.context.TestComponent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The billing service's REST API as the city's systems and people call it, each with their own token from the
 * test issuer. Every call answers the status and the JSON body, so tests can look at refusals as closely as at
 * successes.
 */
@TestComponent
public class BillingClient {

    /** A card number no other test uses, in this run or an earlier one against the same database. */
    private static final AtomicInteger CARDS = new AtomicInteger();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Environment environment;

    /** The port is read on each call: it is known only once the server has started, after this bean. */
    public BillingClient(Environment environment) {
        this.environment = environment;
    }

    public record Answer(int status, JsonNode body, String contentType) {
        public String text(String field) {
            return body.path(field).asText();
        }
    }

    public static String newCardNumber() {
        return "SIC-" + UUID.randomUUID().toString().substring(0, 8) + "-" + CARDS.incrementAndGet();
    }

    /** A citizen ID for a made-up person: 17 digits and a check character (not verified by billing). */
    public static String citizenId(int person) {
        return "37020219800101%04d".formatted(person % 10_000).substring(0, 17) + "X";
    }

    public Answer registerCard(String card, String citizenId, String scheme, String creditLimit, String personalBalance) {
        return call("PUT", "/billing/cards/" + card, CityTokens.admin(), Map.of("citizenId", citizenId,
                "holderName", "Test Holder", "scheme", scheme, "insurer", "CITY-FUND", "creditLimit", creditLimit,
                "personalBalance", personalBalance), null);
    }

    public Answer openVisit(String hospital, String card, String kind, String hospitalVisitId) {
        return call("POST", "/billing/visits", CityTokens.hospital(hospital),
                Map.of("cardNumber", card, "kind", kind, "hospitalVisitId", hospitalVisitId), null);
    }

    /** Posts lines given as JSON text, e.g. {@code [{"chargeId":"C1","code":"250101001","quantity":1,"unitPrice":25}]}. */
    public Answer charge(String hospital, long visit, String linesJson) {
        return callRaw("POST", "/billing/visits/" + visit + "/charges", CityTokens.hospital(hospital),
                "{\"lines\":" + linesJson + "}", null);
    }

    public Answer preSettlement(String hospital, long visit) {
        return call("GET", "/billing/visits/" + visit + "/pre-settlement", CityTokens.hospital(hospital), null, null);
    }

    public Answer discharge(String hospital, long visit) {
        return call("POST", "/billing/visits/" + visit + "/discharge", CityTokens.hospital(hospital), null, null);
    }

    public Answer pay(String token, long bill, String amount, String idempotencyKey) {
        return call("POST", "/billing/bills/" + bill + "/payments", token, Map.of("amount", amount, "channel", "cashier"),
                idempotencyKey);
    }

    public Answer get(String path, String token) {
        return call("GET", path, token, null, null);
    }

    public static String patientToken(String username) {
        return CityTokens.person(username, "openid fhirUser patient/*.rs patient/PaymentNotice.c");
    }

    public Answer call(String method, String path, String token, Object body, String idempotencyKey) {
        try {
            return callRaw(method, path, token, body == null ? null : json.writeValueAsString(body), idempotencyKey);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Answer callRaw(String method, String path, String token, String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + environment.getRequiredProperty("local.server.port") + path))
                .header("Accept", "application/json, application/problem+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
            return new Answer(response.statusCode(), parsed, response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
