package org.onecity.fhir.access;

import java.util.Set;

/** How the city's access rules see each resource type. */
public final class ResourceKinds {

    /** Who works where: readable by every signed-in user and system. */
    public static final Set<String> DIRECTORY = Set.of("Organization", "Practitioner", "PractitionerRole", "Location",
            "HealthcareService", "Endpoint");

    /** The server's own definitions: readable by everyone signed in. */
    public static final Set<String> CONFORMANCE = Set.of("CapabilityStatement", "StructureDefinition", "SearchParameter",
            "ValueSet", "CodeSystem", "ConceptMap", "OperationDefinition", "NamingSystem", "ImplementationGuide");

    /** What an insurer may see of its members, and nothing else. */
    public static final Set<String> FINANCIAL = Set.of("Coverage", "Claim", "ClaimResponse", "Invoice",
            "PaymentReconciliation", "PaymentNotice", "Account", "ExplanationOfBenefit", "CoverageEligibilityRequest",
            "CoverageEligibilityResponse");

    public static final String AUDIT = "AuditEvent";
    public static final String CONSENT = "Consent";

    private ResourceKinds() {
    }

    public static boolean isOpenToAllSignedIn(String type) {
        return DIRECTORY.contains(type) || CONFORMANCE.contains(type);
    }
}
