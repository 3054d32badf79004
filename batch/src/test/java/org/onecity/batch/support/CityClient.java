package org.onecity.batch.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.onecity.common.test.CityTokens;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** HTTP to the batch under test and to the billing service beside it, with the city's real tokens. */
public class CityClient {

    private final Environment environment;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    public CityClient(Environment environment) {
        this.environment = environment;
    }

    public record Answer(int status, JsonNode body) {
        public String text(String field) {
            return body.path(field).asText();
        }
    }

    public Answer batch(String method, String path, String token, Object body) {
        return call(URI.create("http://127.0.0.1:" + environment.getRequiredProperty("local.server.port") + path),
                method, token, body, Map.of());
    }

    public Answer billing(String method, String path, String token, Object body) {
        return billing(method, path, token, body, Map.of());
    }

    public Answer billing(String method, String path, String token, Object body, Map<String, String> headers) {
        return call(URI.create(environment.getRequiredProperty("onecity.test.billing-url") + path), method, token, body,
                headers);
    }

    /** Starts a job as the bureau and waits for its end; answers its final status. */
    public JsonNode runJob(String job, Map<String, String> parameters) {
        Answer started = batch("POST", "/batch/jobs/" + job + "/executions", CityTokens.admin(), parameters);
        if (started.status() != 202) {
            throw new IllegalStateException("The " + job + " job did not start: " + started);
        }
        return awaitEnd(started.body().path("id").asLong());
    }

    public JsonNode awaitEnd(long execution) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = batch("GET", "/batch/executions/" + execution, CityTokens.admin(), null).body();
            String state = status.path("status").asText();
            if (!state.equals("STARTING") && !state.equals("STARTED") && !state.equals("STOPPING")) {
                return status;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Job execution " + execution + " did not end in 3 minutes");
    }

    private Answer call(URI uri, String method, String token, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .header("Accept", "application/json, application/problem+json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body instanceof String text ? text
                            : json.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(),
                    response.body().isEmpty() ? json.nullNode() : json.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
