package org.onecity.common.identity;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onecity.common.security.CityClaims;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedIssuerTest {

    static EmbeddedIssuer issuer;
    static Tokens tokens;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        issuer = EmbeddedIssuer.start(port, DemoIdentities.DEFAULT);
        tokens = new Tokens(issuer.issuerUri());
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void aHospitalSystemGetsATokenBoundToItsHospitalByClientCredentials() throws Exception {
        var claims = SignedJWT.parse(tokens.forSystem("hospital-h002", "h002-demo-secret")).getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuer.issuerUri());
        assertThat(claims.getAudience()).containsExactly("onecity");
        assertThat(claims.getStringClaim(CityClaims.ROLE)).isEqualTo("hospital-system");
        assertThat(claims.getStringClaim(CityClaims.HOSPITAL)).isEqualTo("H002");
        assertThat(claims.getStringListClaim(CityClaims.SCOPE)).containsExactly("system/*.cruds");
    }

    @Test
    void aDoctorSignsInWithTheAuthorizationCodeFlowAndGetsOnlyUserScopes() throws Exception {
        String token = tokens.forPerson("onecity-app", "http://127.0.0.1/callback", "dr.wang", "demo",
                "openid user/*.rs patient/*.rs");
        var claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("dr.wang");
        assertThat(claims.getStringClaim(CityClaims.ROLE)).isEqualTo("doctor");
        assertThat(claims.getStringClaim(CityClaims.HOSPITAL)).isEqualTo("H001");
        assertThat(claims.getStringListClaim(CityClaims.SCOPE)).contains("user/*.rs").doesNotContain("patient/*.rs");
    }

    @Test
    void aPatientGetsOnlyPatientScopesAndTheirCitizenId() throws Exception {
        String token = tokens.forPerson("onecity-app", "http://127.0.0.1/callback", "zhang.wei", "demo",
                "openid user/*.rs patient/*.rs");
        var claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getStringClaim(CityClaims.CITIZEN_ID)).isEqualTo("37020219510102001X");
        assertThat(claims.getStringListClaim(CityClaims.SCOPE)).contains("patient/*.rs").doesNotContain("user/*.rs");
    }

    @Test
    void aPersonOfAnInsurerCarriesTheInsurerAndMaySendItsStatementButNothingElse() throws Exception {
        String token = tokens.forPerson("onecity-app", "http://127.0.0.1/callback", "wu.jing", "demo",
                "openid user/*.rs user/PaymentReconciliation.c patient/*.rs");
        var claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getStringClaim(CityClaims.ROLE)).isEqualTo("insurer");
        assertThat(claims.getStringClaim(CityClaims.INSURER)).isEqualTo("CITY-FUND");
        assertThat(claims.getStringListClaim(CityClaims.SCOPE))
                .contains("user/*.rs", "user/PaymentReconciliation.c").doesNotContain("patient/*.rs");
    }

    @Test
    void onlyAnInsurersPersonKeepsAUserScopeThatWrites() {
        var requested = java.util.Set.of("user/*.rs", "user/PaymentReconciliation.c", "user/*.cruds",
                "user/Patient.write", "user/Observation.read");
        assertThat(IssuerServerConfiguration.allowedForRole(requested, "doctor"))
                .containsExactly("user/*.rs", "user/Observation.read");
        assertThat(IssuerServerConfiguration.allowedForRole(requested, "admin"))
                .containsExactly("user/*.rs", "user/Observation.read");
        assertThat(IssuerServerConfiguration.allowedForRole(requested, "insurer"))
                .containsExactly("user/*.rs", "user/Observation.read", "user/PaymentReconciliation.c");
    }

    @Test
    void thePortalIsAConfidentialClientWhoseCodeIsWorthNothingWithoutItsSecret() {
        assertThat(DemoIdentities.load(DemoIdentities.DEFAULT).client("onecity-portal").orElseThrow().isConfidentialApp())
                .isTrue();
        // the person signs in and the code comes back to the portal's loopback address, on whatever port it runs
        assertThatThrownBy(() -> tokens.forPerson("onecity-portal", "http://127.0.0.1:18084/login/oauth2/code/city",
                "zhang.wei", "demo", "openid patient/*.rs")).hasMessageContaining("answered 401");
    }

    @Test
    void appsMayEndAPersonsSessionAtTheIssuer() throws Exception {
        HttpResponse<String> discovery = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(issuer.issuerUri() + "/.well-known/openid-configuration")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(discovery.body()).contains("\"end_session_endpoint\":\"" + issuer.issuerUri() + "/connect/logout\"");
        assertThat(DemoIdentities.load(DemoIdentities.DEFAULT).client("onecity-portal").orElseThrow()
                .postLogoutRedirectUris()).contains("http://127.0.0.1/");
    }

    @Test
    void aWrongPasswordGetsNoToken() {
        assertThatThrownBy(() -> tokens.forPerson("onecity-app", "http://127.0.0.1/callback", "dr.wang", "guess",
                "openid user/*.rs")).hasMessageContaining("refused");
    }
}
