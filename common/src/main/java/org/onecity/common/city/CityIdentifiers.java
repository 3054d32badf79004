package org.onecity.common.city;

/** Identifier systems and code systems the city issues. */
public final class CityIdentifiers {

    public static final String BASE = "https://fhir.onecity.example";
    /** The city's hospital code, on the hospital's Organization. */
    public static final String HOSPITAL_CODE = BASE + "/sid/hospital-code";
    /** The resident identity card number (18 characters, ISO 7064 check character). */
    public static final String CITIZEN_ID = BASE + "/sid/citizen-id";
    /** The social insurance card number. */
    public static final String INSURANCE_CARD = BASE + "/sid/insurance-card";
    /** The insurer's code, on the insurer's Organization (a Coverage's payor). */
    public static final String INSURER_CODE = BASE + "/sid/insurer-code";
    /** Kinds of Consent the city acts on. */
    public static final String CONSENT_KIND = BASE + "/CodeSystem/consent-kind";
    /** A person's refusal to have their records shown to other hospitals' doctors. */
    public static final String NO_CROSS_HOSPITAL_SHARING = "no-cross-hospital-sharing";
    /** Tags every stored resource with the hospital that sent it. */
    public static final String SOURCE_HOSPITAL_TAG = BASE + "/CodeSystem/source-hospital";
    public static final String HOSPITAL_SOURCE_PREFIX = BASE + "/hospital/";
    public static final String LOINC = "http://loinc.org";

    private CityIdentifiers() {
    }

    public static String hospitalNamespace(String hospitalCode) {
        return BASE + "/sid/hospital/" + hospitalCode + "/";
    }
}
