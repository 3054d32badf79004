package org.onecity.portal.doctor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BreakGlassReasonTest {

    @Test
    void aReasonOnTwoLinesBecomesOneLineWithSingleSpaces() {
        assertThat(BreakGlassReason.of("  Unconscious in the emergency room,\r\n\tno relative   reachable \n"))
                .isEqualTo(new BreakGlassReason.Accepted("Unconscious in the emergency room, no relative reachable"));
    }

    @Test
    void aReasonInChineseIsTakenAsWritten() {
        assertThat(BreakGlassReason.of("  患者昏迷，急诊抢救，\n无法联系家属 "))
                .isEqualTo(new BreakGlassReason.Accepted("患者昏迷，急诊抢救， 无法联系家属"));
    }

    @Test
    void tenChineseCharactersAreEnoughAndNineAreNot() {
        assertThat(BreakGlassReason.of("患者昏迷急诊抢救中")).isEqualTo(new BreakGlassReason.Refused("doctor.break-glass.reason-missing"));
        assertThat(BreakGlassReason.of("患者昏迷需要急诊抢救")).isEqualTo(new BreakGlassReason.Accepted("患者昏迷需要急诊抢救"));
    }

    @Test
    void lengthIsCountedInCharactersSoAnEmojiCountsOnce() {
        assertThat(BreakGlassReason.of("🚑".repeat(500))).isInstanceOf(BreakGlassReason.Accepted.class);
        assertThat(BreakGlassReason.of("🚑".repeat(501))).isEqualTo(new BreakGlassReason.Refused("doctor.break-glass.reason-too-long"));
        assertThat(BreakGlassReason.of("🚑".repeat(9))).isEqualTo(new BreakGlassReason.Refused("doctor.break-glass.reason-missing"));
    }

    @Test
    void lineSeparatorsAndDirectionOverridesAreRefusedAsControlCharacters() {
        assertThat(BreakGlassReason.of("患者昏迷\u2028急诊抢救无法联系家属"))
                .isEqualTo(new BreakGlassReason.Refused("doctor.break-glass.reason-control"));
        assertThat(BreakGlassReason.of("Unconscious \u202Eroom emergency the in"))
                .isEqualTo(new BreakGlassReason.Refused("doctor.break-glass.reason-control"));
    }

    @Test
    void latinAccentedLettersFitTheHeaderAndAreKept() {
        assertThat(BreakGlassReason.of("Patient unconscious, Notfall für Dr. Müller"))
                .isEqualTo(new BreakGlassReason.Accepted("Patient unconscious, Notfall für Dr. Müller"));
    }

    @Test
    void controlCharactersOtherThanLineBreaksAreRefused() {
        assertThat(BreakGlassReason.of("Unconscious\u0000 in the emergency room"))
                .isEqualTo(new BreakGlassReason.Refused("doctor.break-glass.reason-control"));
    }

    @Test
    void aReasonShorterThanTenCharactersAfterCollapsingIsRefused() {
        assertThat(BreakGlassReason.of("short")).isEqualTo(new BreakGlassReason.Refused("doctor.break-glass.reason-missing"));
        assertThat(BreakGlassReason.of("a \n\n\n\n\n\n\n\n b")).isEqualTo(new BreakGlassReason.Refused("doctor.break-glass.reason-missing"));
        assertThat(BreakGlassReason.of(null)).isEqualTo(new BreakGlassReason.Refused("doctor.break-glass.reason-missing"));
    }

    @Test
    void aReasonOfFiveHundredCharactersIsTakenAndALongerOneRefused() {
        assertThat(BreakGlassReason.of("x".repeat(500))).isInstanceOf(BreakGlassReason.Accepted.class);
        assertThat(BreakGlassReason.of("x".repeat(501)))
                .isEqualTo(new BreakGlassReason.Refused("doctor.break-glass.reason-too-long"));
    }
}
