package org.onecity.portal.signin;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An issuer that takes the connection and then never answers: the code exchange, the refresh and the reading of its
 * keys each give up with an error instead of holding the person's request (and a server thread) for good. An ID
 * token is checked as Spring's own sign-in checks it.
 */
@Timeout(60)
class IssuerCallsTest {

    private ServerSocket silentIssuer;
    private final List<Socket> held = new ArrayList<>();
    private Thread accepting;
    private final IssuerCalls calls = new IssuerCalls(Duration.ofSeconds(2), Duration.ofMillis(500));

    @BeforeEach
    void startAnIssuerThatNeverAnswers() throws IOException {
        silentIssuer = new ServerSocket(0);
        accepting = new Thread(() -> {
            try {
                while (true) {
                    held.add(silentIssuer.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        accepting.start();
    }

    @AfterEach
    void stop() throws Exception {
        silentIssuer.close();
        accepting.join();
        for (Socket socket : held) {
            socket.close();
        }
    }

    @Test
    void theCodeExchangeGivesUpOnASilentIssuer() {
        ClientRegistration portal = portal();
        OAuth2AuthorizationRequest asked = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(portal.getProviderDetails().getAuthorizationUri()).clientId(portal.getClientId())
                .redirectUri(portal.getRedirectUri()).state("s").build();
        OAuth2AuthorizationResponse answered = OAuth2AuthorizationResponse.success("code").state("s")
                .redirectUri(portal.getRedirectUri()).build();

        assertThatThrownBy(() -> calls.codeExchange().getTokenResponse(new OAuth2AuthorizationCodeGrantRequest(portal,
                new OAuth2AuthorizationExchange(asked, answered)))).isInstanceOf(OAuth2AuthorizationException.class)
                .hasRootCauseInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void theRefreshGivesUpOnASilentIssuer() {
        OAuth2AccessToken expired = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "old",
                Instant.now().minusSeconds(600), Instant.now().minusSeconds(300));

        assertThatThrownBy(() -> calls.refresh().getTokenResponse(new OAuth2RefreshTokenGrantRequest(portal(), expired,
                new OAuth2RefreshToken("refresh", Instant.now().minusSeconds(600)))))
                .isInstanceOf(OAuth2AuthorizationException.class)
                .hasRootCauseInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void readingTheIssuersKeysGivesUpOnASilentIssuer() {
        // a token signed with a key the portal has not read yet: it asks the issuer for its keys
        String idToken = "eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiJkci5jaGVuIn0.c2lnbmF0dXJl";

        assertThatThrownBy(() -> calls.idTokens().createDecoder(portal()).decode(idToken))
                .isInstanceOf(JwtException.class).hasRootCauseInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void anIdTokenIsCheckedForItsIssuerAudienceAndSignatureAsSpringDoes() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        HttpServer keys = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        keys.createContext("/oauth2/jwks", exchange -> {
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        keys.start();
        try {
            String issuer = "http://127.0.0.1:" + keys.getAddress().getPort();
            ClientRegistration portal = ClientRegistration.withRegistrationId("city").clientId("onecity-portal")
                    .clientSecret("secret").authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("http://127.0.0.1:8084/login/oauth2/code/city").scope("openid")
                    .authorizationUri(issuer + "/oauth2/authorize").tokenUri(issuer + "/oauth2/token")
                    .jwkSetUri(issuer + "/oauth2/jwks").issuerUri(issuer).build();
            var decoder = calls.idTokens().createDecoder(portal);

            assertThat(decoder.decode(idToken(key, issuer, "onecity-portal")).getSubject()).isEqualTo("dr.chen");
            assertThatThrownBy(() -> decoder.decode(idToken(key, "http://elsewhere.example", "onecity-portal")))
                    .as("another issuer").isInstanceOf(JwtValidationException.class);
            assertThatThrownBy(() -> decoder.decode(idToken(key, issuer, "another-app")))
                    .as("another app's token").isInstanceOf(JwtValidationException.class);
            assertThatThrownBy(() -> decoder.decode(idToken(new RSAKeyGenerator(2048).keyID("k1").generate(), issuer,
                    "onecity-portal"))).as("signed with another key").isInstanceOf(JwtException.class);
        } finally {
            keys.stop(0);
        }
    }

    private static String idToken(RSAKey key, String issuer, String audience) throws Exception {
        Instant now = Instant.now();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(issuer).subject("dr.chen").audience(audience)
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).build());
        token.sign(new RSASSASigner(key));
        return token.serialize();
    }

    private ClientRegistration portal() {
        String issuer = "http://127.0.0.1:" + silentIssuer.getLocalPort();
        return ClientRegistration.withRegistrationId("city").clientId("onecity-portal").clientSecret("secret")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://127.0.0.1:8084/login/oauth2/code/city").scope("openid")
                .authorizationUri(issuer + "/oauth2/authorize").tokenUri(issuer + "/oauth2/token")
                .jwkSetUri(issuer + "/oauth2/jwks").issuerUri(issuer).build();
    }
}
