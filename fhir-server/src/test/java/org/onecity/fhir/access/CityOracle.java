package org.onecity.fhir.access;

import java.util.Set;

/**
 * Who may see which record, written from docs/city-record.md ("Who may see what") and independently of the server's
 * code: the attack suite compares what the server shows with what this says.
 */
final class CityOracle {

    /** The people of the attack suite; NOBODY for records about no person. */
    enum Person { ZHANG_WEI, LI_NA, NOBODY }

    /** Who works where, and the server's definitions: readable by everyone signed in whose scopes allow it. */
    static final Set<String> SHARED = Set.of("Organization", "Practitioner", "PractitionerRole", "Location",
            "HealthcareService", "Endpoint", "CapabilityStatement", "StructureDefinition", "SearchParameter", "ValueSet",
            "CodeSystem", "ConceptMap", "OperationDefinition", "NamingSystem", "ImplementationGuide");

    /** What insurers see of their members. */
    static final Set<String> FINANCIAL = Set.of("Coverage", "Claim", "ClaimResponse", "Invoice", "PaymentReconciliation",
            "PaymentNotice", "Account", "ExplanationOfBenefit", "CoverageEligibilityRequest", "CoverageEligibilityResponse");

    private CityOracle() {
    }

    /**
     * @param hospital the hospital that sent the record, null if none did
     */
    static boolean maySee(Who who, String type, String hospital, Person person) {
        boolean shared = SHARED.contains(type);
        boolean aboutSomeone = person != Person.NOBODY;
        return switch (who) {
            case BUREAU -> true;
            case NO_TOKEN, EXPIRED_TOKEN, WRONG_AUDIENCE -> false;
            case OWN_HOSPITAL -> shared || "H001".equals(hospital);
            case OTHER_HOSPITAL -> shared || "H003".equals(hospital);
            // H002 cares for both; Li Na's opt-out leaves H002's doctor only H002's records of her
            case DOCTOR_IN_CARE -> shared || aboutSomeone && (person != Person.LI_NA || "H002".equals(hospital));
            case DOCTOR_WITHOUT_CARE -> shared;
            case DOCTOR_BREAKING_GLASS -> shared || aboutSomeone;
            case PATIENT_ZHANG_WEI -> shared || person == Person.ZHANG_WEI;
            case PATIENT_LI_NA -> shared || person == Person.LI_NA;
            // an insurer's scopes name financial resources only
            case CITY_FUND -> FINANCIAL.contains(type) && person == Person.ZHANG_WEI;
            case HARBOUR_HEALTH -> FINANCIAL.contains(type) && person == Person.LI_NA;
        };
    }

    /** Whether the caller may read records of this type at all (else 403 before anything is looked at). */
    static boolean mayReadType(Who who, String type) {
        return !who.isInsurer() || FINANCIAL.contains(type);
    }
}
