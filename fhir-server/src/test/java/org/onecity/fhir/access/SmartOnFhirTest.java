package org.onecity.fhir.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Extension;
import org.junit.jupiter.api.Test;
import org.onecity.common.test.TestInfrastructure;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** SMART apps and backend services discover how to get a token for the city record. */
@CityRecordTest
class SmartOnFhirTest {

    @Autowired
    CityRecordClient city;

    @Test
    void theSmartConfigurationNamesTheIssuersEndpointsAndV2Permissions() throws Exception {
        var response = city.send(city.request("/.well-known/smart-configuration").GET());
        JsonNode configuration = new ObjectMapper().readTree(response.body());

        String issuer = TestInfrastructure.issuer().issuerUri();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(configuration.path("issuer").asText()).isEqualTo(issuer);
        assertThat(configuration.path("token_endpoint").asText()).isEqualTo(issuer + "/oauth2/token");
        assertThat(configuration.path("authorization_endpoint").asText()).isEqualTo(issuer + "/oauth2/authorize");
        assertThat(configuration.path("capabilities").toString()).contains("permission-v2", "launch-standalone",
                "client-confidential-symmetric");
        assertThat(configuration.path("scopes_supported").toString()).contains("patient/*.rs", "user/*.rs", "system/*.cruds");
    }

    @Test
    void theCapabilityStatementDeclaresSmartOnFhirSecurity() {
        CapabilityStatement capabilities = city.anonymous().capabilities()
                .ofType(CapabilityStatement.class).execute();

        var security = capabilities.getRestFirstRep().getSecurity();
        assertThat(security.getServiceFirstRep().getCodingFirstRep().getCode()).isEqualTo("SMART-on-FHIR");
        Extension uris = security.getExtensionByUrl("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
        assertThat(uris.getExtensionString("token")).isEqualTo(TestInfrastructure.issuer().issuerUri() + "/oauth2/token");
    }
}
