package org.onecity.portal.doctor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BreakGlassTest {

    @Test
    void aReasonGoesOutOnlyForTheDoctorWhoGaveItAndThePatientItWasGivenFor() {
        BreakGlass breakGlass = new BreakGlass();
        breakGlass.record("dr.chen", "42", new BreakGlassReason.Accepted("Unconscious in the emergency room"));

        assertThat(breakGlass.reasonFor("dr.chen", "42")).isEqualTo("Unconscious in the emergency room");
        assertThat(breakGlass.reasonFor("dr.chen", "43")).isNull();
        assertThat(breakGlass.reasonFor("dr.li", "42")).as("another person in the same browser").isNull();
    }
}
