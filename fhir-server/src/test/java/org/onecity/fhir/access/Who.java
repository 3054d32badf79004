package org.onecity.fhir.access;

import org.onecity.common.test.CityTokens;

import java.util.function.Supplier;

/**
 * The callers of the attack suite. The records attacked belong to Zhang Wei and Li Na (at H001 and H002), who are
 * both in care at H002 now; Li Na opted out of sharing across hospitals. So zhang.wei is "another patient" for Li
 * Na's records and li.na is "the opted-out patient" reading her own.
 */
enum Who {
    OWN_HOSPITAL("H001's system, which sent the H001 records", () -> CityTokens.hospital("H001")),
    OTHER_HOSPITAL("H003's system, which sent none of them", () -> CityTokens.hospital("H003")),
    DOCTOR_IN_CARE("dr.chen, whose hospital H002 cares for both", () -> CityTokens.doctor("dr.chen")),
    DOCTOR_WITHOUT_CARE("dr.zhao, whose hospital H003 cares for neither", () -> CityTokens.doctor("dr.zhao")),
    DOCTOR_BREAKING_GLASS("dr.zhao breaking the glass", () -> CityTokens.doctor("dr.zhao")),
    PATIENT_ZHANG_WEI("zhang.wei", () -> CityTokens.patient("zhang.wei")),
    PATIENT_LI_NA("li.na, who opted out of sharing", () -> CityTokens.patient("li.na")),
    CITY_FUND("insurer-city-fund, Zhang Wei's insurer", CityTokens::insurer),
    HARBOUR_HEALTH("insurer-harbour-health, Li Na's insurer", () -> CityTokens.system("insurer-harbour-health")),
    BUREAU("bureau-admin", CityTokens::admin),
    NO_TOKEN("no token", () -> null),
    EXPIRED_TOKEN("an expired token", AttackFixture::expiredToken),
    WRONG_AUDIENCE("a token for another audience", () -> CityTokens.fresh("other-audience"));

    static final String BREAK_GLASS_REASON = "Unconscious patient in the emergency room, allergies unknown";

    private final String description;
    private final Supplier<String> token;

    Who(String description, Supplier<String> token) {
        this.description = description;
        this.token = token;
    }

    String token() {
        return token.get();
    }

    boolean hasValidToken() {
        return this != NO_TOKEN && this != EXPIRED_TOKEN && this != WRONG_AUDIENCE;
    }

    boolean isHospital() {
        return this == OWN_HOSPITAL || this == OTHER_HOSPITAL;
    }

    boolean isDoctor() {
        return this == DOCTOR_IN_CARE || this == DOCTOR_WITHOUT_CARE || this == DOCTOR_BREAKING_GLASS;
    }

    boolean isPatient() {
        return this == PATIENT_ZHANG_WEI || this == PATIENT_LI_NA;
    }

    boolean isInsurer() {
        return this == CITY_FUND || this == HARBOUR_HEALTH;
    }

    @Override
    public String toString() {
        return description;
    }
}
