package org.onecity.portal.city;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FhirLinksTest {

    private static final String BASE = "http://127.0.0.1:8080/fhir";

    @Test
    void aPathIsPutOnTheConfiguredBase() {
        assertThat(CityServices.fhirUrl(BASE, "/Patient/42")).isEqualTo(BASE + "/Patient/42");
        assertThat(CityServices.fhirUrl(BASE + "/", "/Patient/42")).isEqualTo(BASE + "/Patient/42");
    }

    @Test
    void aNextLinkUnderTheConfiguredBaseIsFollowedAsItIs() {
        String next = BASE + "?_getpages=abc&_getpagesoffset=500&_count=500";

        assertThat(CityServices.fhirUrl(BASE, next)).isEqualTo(next);
    }

    @Test
    void aNextLinkToAnotherHostGivesOnlyItsQuerySoTheTokenNeverLeavesTheCity() {
        assertThat(CityServices.fhirUrl(BASE, "https://elsewhere.example/fhir?_getpages=abc&_getpagesoffset=500"))
                .isEqualTo(BASE + "?_getpages=abc&_getpagesoffset=500");
        assertThat(CityServices.fhirUrl(BASE, "http://127.0.0.1:8080/fhirevil?_getpages=abc"))
                .isEqualTo(BASE + "?_getpages=abc");
        assertThat(CityServices.fhirUrl(BASE, "http://127.0.0.1:8080.elsewhere.example/fhir/x"))
                .isEqualTo(BASE);
    }
}
