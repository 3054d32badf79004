package org.onecity.common.security;

/** The claims the city's identity provider puts into access tokens, beside SMART's {@code scope} and {@code fhirUser}. */
public final class CityClaims {

    public static final String ROLE = "onecity_role";
    public static final String HOSPITAL = "onecity_hospital";
    public static final String INSURER = "onecity_insurer";
    public static final String CITIZEN_ID = "onecity_citizen_id";
    public static final String FHIR_USER = "fhirUser";
    public static final String NAME = "name";
    public static final String SCOPE = "scope";
    public static final String CLIENT_ID = "client_id";

    private CityClaims() {
    }
}
