package org.onecity.fhir.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The configured OIDC issuer's endpoints, read from its discovery document on first use, so that the SMART
 * configuration names the right endpoints whether the issuer is the embedded one or Keycloak.
 */
public class IssuerMetadata {

    private final String issuer;
    private volatile JsonNode discovery;

    public IssuerMetadata(String issuer) {
        this.issuer = issuer;
    }

    public String issuer() {
        return issuer;
    }

    public String authorizationEndpoint() {
        return field("authorization_endpoint");
    }

    public String tokenEndpoint() {
        return field("token_endpoint");
    }

    public String jwksUri() {
        return field("jwks_uri");
    }

    private String field(String name) {
        JsonNode document = discovery;
        if (document == null) {
            document = fetch();
            discovery = document;
        }
        return document.path(name).asText(null);
    }

    private JsonNode fetch() {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration")).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("The issuer " + issuer + " does not answer its discovery document", e);
        }
    }
}
