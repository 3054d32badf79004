package org.onecity.fhir.access;

import org.junit.jupiter.api.Test;
import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;
import org.onecity.common.security.SmartScopes;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The city's access policy, as the bureau wrote it down. */
class AccessRulesTest {

    static CityPrincipal as(Role role, String... scopes) {
        return new CityPrincipal("someone", "app", role, "H001", "CITY-FUND", "37020219510102001X", "Someone", null,
                SmartScopes.parse(List.of(scopes)));
    }

    @Test
    void scopesComeFirst_aRoleNeverWidensWhatTheTokenGrants() {
        Verdict verdict = AccessRules.decide(as(Role.ADMIN, "system/Patient.rs"), "Observation", Interaction.READ);
        assertThat(verdict).isInstanceOf(Verdict.Refused.class);
    }

    @Test
    void aHospitalSystemWritesAndReadsBackOnlyWhatItsHospitalSent() {
        CityPrincipal his = as(Role.HOSPITAL_SYSTEM, "system/*.cruds");
        assertThat(AccessRules.decide(his, "Observation", Interaction.CREATE)).isInstanceOf(Verdict.Granted.class);
        assertThat(AccessRules.decide(his, "Observation", Interaction.READ))
                .isEqualTo(new Verdict.Filtered(Verdict.Filter.OWN_HOSPITAL_DATA));
        assertThat(AccessRules.decide(his, "AuditEvent", Interaction.SEARCH)).isInstanceOf(Verdict.Refused.class);
    }

    @Test
    void aDoctorReadsThroughACareRelationshipAndWritesNothing() {
        CityPrincipal doctor = as(Role.DOCTOR, "user/*.rs");
        assertThat(AccessRules.decide(doctor, "DiagnosticReport", Interaction.SEARCH))
                .isEqualTo(new Verdict.Filtered(Verdict.Filter.CARE_RELATIONSHIP));
        assertThat(AccessRules.decide(as(Role.DOCTOR, "user/*.cruds"), "Observation", Interaction.CREATE))
                .isInstanceOf(Verdict.Refused.class);
        assertThat(AccessRules.mayBreakGlass(doctor)).isTrue();
    }

    @Test
    void aPatientReadsTheirOwnRecordsAndRecordsTheirConsent() {
        CityPrincipal patient = as(Role.PATIENT, "patient/*.rs", "patient/Consent.cru");
        assertThat(AccessRules.decide(patient, "Observation", Interaction.SEARCH))
                .isEqualTo(new Verdict.Filtered(Verdict.Filter.OWN_RECORDS));
        assertThat(AccessRules.decide(patient, "Consent", Interaction.CREATE))
                .isEqualTo(new Verdict.Filtered(Verdict.Filter.OWN_RECORDS));
        assertThat(AccessRules.decide(patient, "Observation", Interaction.UPDATE)).isInstanceOf(Verdict.Refused.class);
        assertThat(AccessRules.mayBreakGlass(patient)).isFalse();
    }

    @Test
    void anInsurerSeesFinancialRecordsOfItsMembersAndNoClinicalOnes() {
        CityPrincipal insurer = as(Role.INSURER, "system/*.rs");
        assertThat(AccessRules.decide(insurer, "Claim", Interaction.SEARCH))
                .isEqualTo(new Verdict.Filtered(Verdict.Filter.INSURER_MEMBERS));
        assertThat(AccessRules.decide(insurer, "Observation", Interaction.READ)).isInstanceOf(Verdict.Refused.class);
        assertThat(AccessRules.decide(insurer, "DocumentReference", Interaction.READ)).isInstanceOf(Verdict.Refused.class);
    }

    @Test
    void theWholeServerIsTheBureausExceptAHospitalsOwnSearch() {
        assertThat(AccessRules.decide(as(Role.ADMIN, "system/*.cruds"), RequestedAccess.WHOLE_SERVER, Interaction.UPDATE))
                .isInstanceOf(Verdict.Granted.class);
        assertThat(AccessRules.decide(as(Role.HOSPITAL_SYSTEM, "system/*.cruds"), RequestedAccess.WHOLE_SERVER, Interaction.UPDATE))
                .isInstanceOf(Verdict.Refused.class);
        assertThat(AccessRules.decide(as(Role.PATIENT, "patient/*.rs"), RequestedAccess.WHOLE_SERVER, Interaction.SEARCH))
                .isInstanceOf(Verdict.Refused.class);
    }
}
