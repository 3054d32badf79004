package org.onecity.common.security;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SmartScopesTest {

    @Test
    void v2ScopesGrantExactlyTheirLetters() {
        SmartScopes scopes = SmartScopes.parse(List.of("system/Observation.cr", "openid"));
        assertThat(scopes.permits("Observation", SmartScopes.CREATE)).isTrue();
        assertThat(scopes.permits("Observation", SmartScopes.READ)).isTrue();
        assertThat(scopes.permits("Observation", SmartScopes.SEARCH)).isFalse();
        assertThat(scopes.permits("Patient", SmartScopes.READ)).isFalse();
    }

    @Test
    void aWildcardTypeCoversEveryType() {
        SmartScopes scopes = SmartScopes.parse(List.of("user/*.rs"));
        assertThat(scopes.permits("DiagnosticReport", SmartScopes.SEARCH)).isTrue();
        assertThat(scopes.permits("DiagnosticReport", SmartScopes.UPDATE)).isFalse();
    }

    @Test
    void v1ScopesReadAsTheirV2Equivalents() {
        SmartScopes scopes = SmartScopes.parse(List.of("patient/Observation.read", "patient/Consent.write", "system/Claim.*"));
        assertThat(scopes.permits("Observation", SmartScopes.SEARCH)).isTrue();
        assertThat(scopes.permits("Consent", SmartScopes.CREATE)).isTrue();
        assertThat(scopes.permits("Consent", SmartScopes.READ)).isFalse();
        assertThat(scopes.permits("Claim", SmartScopes.DELETE)).isTrue();
    }

    @Test
    void lettersOutOfOrderGrantNothing() {
        assertThat(SmartScopes.parse(List.of("user/*.sr")).grants()).isEmpty();
    }
}
