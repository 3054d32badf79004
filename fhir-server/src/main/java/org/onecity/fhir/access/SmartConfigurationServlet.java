package org.onecity.fhir.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /fhir/.well-known/smart-configuration}: how SMART apps and backend systems obtain tokens for the city record. */
public class SmartConfigurationServlet extends HttpServlet {

    static final List<String> SCOPES = List.of("openid", "fhirUser", "profile", "patient/*.rs", "patient/Consent.cru",
            "user/*.rs", "system/*.cruds", "system/*.rs");

    private final transient IssuerMetadata issuer;

    public SmartConfigurationServlet(IssuerMetadata issuer) {
        this.issuer = issuer;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("issuer", issuer.issuer());
        configuration.put("jwks_uri", issuer.jwksUri());
        configuration.put("authorization_endpoint", issuer.authorizationEndpoint());
        configuration.put("token_endpoint", issuer.tokenEndpoint());
        configuration.put("grant_types_supported", List.of("authorization_code", "client_credentials"));
        configuration.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        configuration.put("response_types_supported", List.of("code"));
        configuration.put("code_challenge_methods_supported", List.of("S256"));
        configuration.put("scopes_supported", SCOPES);
        configuration.put("capabilities", List.of("launch-standalone", "client-public", "client-confidential-symmetric",
                "sso-openid-connect", "permission-v2", "permission-patient", "permission-user", "permission-offline"));
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(response.getOutputStream(), configuration);
    }
}
