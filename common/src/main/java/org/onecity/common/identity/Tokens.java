package org.onecity.common.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Obtains access tokens from an OIDC issuer through the real flows: client credentials for a system, and for a
 * person the authorization code flow with PKCE, signing in on the issuer's login form as a browser would.
 */
public final class Tokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final String issuer;
    private volatile String tokenEndpoint;

    public Tokens(String issuer) {
        this.issuer = issuer;
    }

    /**
     * The issuer's token endpoint, from its OIDC discovery document: each provider has its own path (Spring
     * Authorization Server {@code /oauth2/token}, Keycloak {@code /protocol/openid-connect/token}).
     */
    private String tokenEndpoint() {
        if (tokenEndpoint == null) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            JsonNode discovery = send(http, HttpRequest.newBuilder(
                    URI.create(issuer + "/.well-known/openid-configuration")).GET().build());
            String endpoint = discovery.path("token_endpoint").asText("");
            if (endpoint.isEmpty()) {
                throw new IllegalStateException("The issuer " + issuer + " names no token endpoint");
            }
            tokenEndpoint = endpoint;
        }
        return tokenEndpoint;
    }

    /** A system's token: client credentials with the client's registered scopes. */
    public String forSystem(String clientId, String secret) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String credentials = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        JsonNode body = send(http, HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
        return body.path("access_token").asText();
    }

    /** A person's token: signs in on the issuer's login page and exchanges the code, with PKCE. */
    public String forPerson(String clientId, String redirectUri, String username, String password, String scopes) {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        String verifier = randomUrlSafe(48);
        String state = randomUrlSafe(16);
        String authorize = issuer + "/oauth2/authorize?" + form(Map.of(
                "response_type", "code", "client_id", clientId, "redirect_uri", redirectUri, "scope", scopes,
                "state", state, "code_challenge", challenge(verifier), "code_challenge_method", "S256"));
        try {
            HttpResponse<String> toLogin = browser.send(HttpRequest.newBuilder(URI.create(authorize)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String loginPage = browser.send(HttpRequest.newBuilder(URI.create(location(toLogin))).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher csrf = CSRF.matcher(loginPage);
            if (!csrf.find()) {
                throw new IllegalStateException("No login form at " + issuer);
            }
            HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(issuer + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
                            "_csrf", csrf.group(1))))).build(), HttpResponse.BodyHandlers.ofString());
            String afterLogin = location(signedIn);
            if (afterLogin.contains("error")) {
                throw new IllegalStateException("Sign-in refused for " + username);
            }
            HttpResponse<String> withCode = browser.send(HttpRequest.newBuilder(URI.create(absolute(afterLogin))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location(withCode));
            if (!code.find()) {
                throw new IllegalStateException("No authorization code for " + username + ": " + location(withCode));
            }
            JsonNode token = send(browser, HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                            "code", code.group(1), "redirect_uri", redirectUri, "client_id", clientId,
                            "code_verifier", verifier)))).build());
            return token.path("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("Issuer unreachable at " + issuer, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String absolute(String location) {
        return location.startsWith("http") ? location : issuer + location;
    }

    private String location(HttpResponse<?> response) {
        return absolute(response.headers().firstValue("Location").orElseThrow(() ->
                new IllegalStateException("Expected a redirect from the issuer, got " + response.statusCode())));
    }

    private static JsonNode send(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Issuer unreachable at " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> values) {
        return new LinkedHashMap<>(values).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
