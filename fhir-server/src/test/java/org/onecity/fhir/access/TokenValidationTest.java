package org.onecity.fhir.access;

import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;
import org.onecity.common.identity.DemoIdentities;
import org.onecity.common.identity.EmbeddedIssuer;
import org.onecity.common.identity.Tokens;
import org.onecity.common.test.CityTokens;
import org.onecity.common.test.TestInfrastructure;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Only a valid token of the city's issuer, meant for the city's API and still alive, opens the city record. */
@CityRecordTest
class TokenValidationTest {

    @Autowired
    CityRecordClient city;

    @Test
    void aValidTokenIsAccepted() {
        assertThat(get(CityTokens.hospital("H001")).statusCode()).isEqualTo(200);
    }

    @Test
    void noTokenIs401() {
        assertThat(city.send(city.request("/Patient").GET()).statusCode()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIs401() throws InterruptedException {
        String shortLived = CityTokens.fresh("short-lived");
        assertThat(get(shortLived).statusCode()).as("alive").isEqualTo(200);
        Thread.sleep(7_000); // one second of life and five of tolerated clock skew
        assertThat(get(shortLived).statusCode()).as("expired").isEqualTo(401);
    }

    @Test
    void aForgedTokenIs401() {
        String[] parts = CityTokens.hospital("H001").split("\\.");
        String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8)
                .replace("\"H001\"", "\"H002\"");
        String forged = parts[0] + "." + Base64URL.encode(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(get(forged).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenOfAnotherIssuerIs401() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (EmbeddedIssuer impostor = EmbeddedIssuer.start(port, TestInfrastructure.IDENTITIES)) {
            String token = new Tokens(impostor.issuerUri()).forSystem("hospital-h001",
                    DemoIdentities.load(TestInfrastructure.IDENTITIES).client("hospital-h001").orElseThrow().secret());
            assertThat(get(token).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aTokenForAnotherAudienceIs401() {
        assertThat(get(CityTokens.fresh("other-audience")).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String token) {
        return city.send(city.request("/Organization", token).GET());
    }
}
