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

    /**
     * Definitions and infrastructure: they decide how records are indexed (a SearchParameter decides which patient a
     * record belongs to, and so who may read it), validated, expanded or sent elsewhere. Only the bureau writes them.
     */
    public static final Set<String> DEFINITIONS = Set.of("SearchParameter", "StructureDefinition", "ValueSet",
            "CodeSystem", "ConceptMap", "NamingSystem", "OperationDefinition", "CompartmentDefinition",
            "CapabilityStatement", "ImplementationGuide", "StructureMap", "GraphDefinition", "MessageDefinition",
            "TerminologyCapabilities", "ExampleScenario", "Subscription", "SubscriptionTopic", "Library", "Measure",
            "PlanDefinition", "ActivityDefinition", "EventDefinition", "ResearchDefinition",
            "ResearchElementDefinition", "ObservationDefinition", "SpecimenDefinition", "ChargeItemDefinition",
            "Questionnaire", "AuditEvent");

    public static final String AUDIT = "AuditEvent";
    public static final String CONSENT = "Consent";

    private ResourceKinds() {
    }

    public static boolean isDefinition(String type) {
        return DEFINITIONS.contains(type);
    }

    public static boolean isOpenToAllSignedIn(String type) {
        return DIRECTORY.contains(type) || CONFORMANCE.contains(type);
    }
}
