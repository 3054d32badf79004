package org.onecity.portal.signin;

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

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An issuer that takes the connection and then never answers: the code exchange, the refresh and the reading of its
 * keys each give up with an error instead of holding the person's request (and a server thread) for good.
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

    private ClientRegistration portal() {
        String issuer = "http://127.0.0.1:" + silentIssuer.getLocalPort();
        return ClientRegistration.withRegistrationId("city").clientId("onecity-portal").clientSecret("secret")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://127.0.0.1:8084/login/oauth2/code/city").scope("openid")
                .authorizationUri(issuer + "/oauth2/authorize").tokenUri(issuer + "/oauth2/token")
                .jwkSetUri(issuer + "/oauth2/jwks").issuerUri(issuer).build();
    }
}
