package org.onecity.fhir.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;
import org.onecity.fhir.server.RestInterceptor;

/** The security section of the CapabilityStatement: SMART on FHIR, with the issuer's OAuth endpoints. */
public class SmartCapabilities implements RestInterceptor {

    private final IssuerMetadata issuer;

    public SmartCapabilities(IssuerMetadata issuer) {
        this.issuer = issuer;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void describeSecurity(IBaseConformance statement) {
        CapabilityStatement capabilities = (CapabilityStatement) statement;
        for (CapabilityStatement.CapabilityStatementRestComponent rest : capabilities.getRest()) {
            CapabilityStatement.CapabilityStatementRestSecurityComponent security = rest.getSecurity();
            security.setCors(true);
            security.getService().clear();
            security.addService(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR")));
            security.setDescription("OAuth2 bearer tokens from the city's OIDC issuer with SMART v2 scopes; "
                    + "see .well-known/smart-configuration");
            Extension uris = new Extension("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
            uris.addExtension("authorize", new UriType(issuer.authorizationEndpoint()));
            uris.addExtension("token", new UriType(issuer.tokenEndpoint()));
            security.getExtension().removeIf(e -> e.getUrl().equals(uris.getUrl()));
            security.addExtension(uris);
        }
    }
}
