package org.onecity.common.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class BreakGlassHeaderTest {

    private static final String CHINESE = "患者昏迷，急诊抢救，无法联系家属";

    @Test
    void aChineseReasonIsSentAsAnRfc8187ValueAndReadBack() {
        String header = BreakGlassHeader.write(CHINESE);

        assertThat(header).startsWith("UTF-8''%E6%82%A3%E8%80%85").matches("[\\x21-\\x7E]+");
        assertThat(BreakGlassHeader.read(header)).isEqualTo(new BreakGlassHeader.Stated(CHINESE));
    }

    @Test
    void anRfc8187ValueWithALanguageTagAndLowerCaseHexIsRead() {
        assertThat(BreakGlassHeader.read("utf-8'zh-CN'%e6%80%a5%e8%af%8a%ef%bc%9a%e6%82%a3%e8%80%85%e6%98%8f%e8%bf%b7%ef%bc%8c%e6%97%a0%e5%ae%b6%e5%b1%9e"))
                .isEqualTo(new BreakGlassHeader.Stated("急诊：患者昏迷，无家属"));
    }

    @Test
    void emojiAndMixedScriptsRoundTrip() {
        String reason = "Unconscious 🚑 患者昏迷 — Notfall für Dr. Müller, 50% + 1";

        assertThat(BreakGlassHeader.read(BreakGlassHeader.write(reason))).isEqualTo(new BreakGlassHeader.Stated(reason));
    }

    @Test
    void plainAsciiIsSentAsItIsAndLatinOneTextAsTheServerReadItIsKept() {
        assertThat(BreakGlassHeader.write("Unconscious in the emergency room")).isEqualTo("Unconscious in the emergency room");
        assertThat(BreakGlassHeader.read("  Unconscious, 50% stenosis, café  "))
                .isEqualTo(new BreakGlassHeader.Stated("Unconscious, 50% stenosis, café"));
    }

    @Test
    void aPlainReasonThatLooksLikeAnEncodedOneIsEncodedSoItIsNotMisread() {
        String reason = "UTF-8''%41 is what the monitor showed";

        assertThat(BreakGlassHeader.write(reason)).startsWith("UTF-8''UTF-8%27%27%2541");
        assertThat(BreakGlassHeader.read(BreakGlassHeader.write(reason))).isEqualTo(new BreakGlassHeader.Stated(reason));
    }

    @Test
    void noHeaderOrOnlySpacesStatesNoReason() {
        assertThat(BreakGlassHeader.read(null)).isEqualTo(new BreakGlassHeader.Absent());
        assertThat(BreakGlassHeader.read("   ")).isEqualTo(new BreakGlassHeader.Absent());
        assertThat(BreakGlassHeader.read("UTF-8''%20%20")).isEqualTo(new BreakGlassHeader.Absent());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UTF-8''%E6%80",           // a cut-off character
            "UTF-8''%E6%8",            // a cut-off escape
            "UTF-8''%G1%80%A5",        // not hexadecimal
            "UTF-8''%C0%AF",           // an over-long encoding of '/'
            "UTF-8''%ED%A0%80",        // a surrogate encoded as UTF-8
            "UTF-8''%FF%FE",           // not UTF-8 at all
            "UTF-8''two words",        // a space must be %20
            "UTF-8''caf\u00e9",        // raw non-ASCII inside an encoded value
    })
    void malformedEncodingsAreRefusedWithTheRule(String header) {
        assertThat(BreakGlassHeader.read(header)).isInstanceOfSatisfying(BreakGlassHeader.Malformed.class,
                m -> assertThat(m.problem()).contains("X-Break-Glass-Reason").contains("RFC 8187"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UTF-8''Unconscious%0D%0AX-Injected%3A%20yes",
            "UTF-8''Unconscious%0Ain%20the%20ER",
            "UTF-8''Unconscious%00in%20the%20ER",
            "UTF-8''Unconscious%C2%85in%20the%20ER",   // NEL, a C1 control
            "UTF-8''Unconscious%E2%80%A8in%20the%20ER", // LINE SEPARATOR
            "UTF-8''Unconscious%E2%80%AEin%20the%20ER", // RIGHT-TO-LEFT OVERRIDE
            "Unconscious\tin the emergency room",
    })
    void controlCharactersAndLineBreaksAreRefusedAfterDecoding(String header) {
        assertThat(BreakGlassHeader.read(header)).isEqualTo(
                new BreakGlassHeader.Malformed("X-Break-Glass-Reason must be one line of text, without control characters"));
    }

    @Test
    void fiveHundredCharactersAreTakenAndMoreRefusedCountingCodePoints() {
        String chinese500 = "急".repeat(500);
        String emoji500 = "🚑".repeat(500); // 1000 UTF-16 units, 500 characters

        assertThat(BreakGlassHeader.read(BreakGlassHeader.write(chinese500))).isEqualTo(new BreakGlassHeader.Stated(chinese500));
        assertThat(BreakGlassHeader.read(BreakGlassHeader.write(emoji500))).isEqualTo(new BreakGlassHeader.Stated(emoji500));
        assertThat(BreakGlassHeader.read(BreakGlassHeader.write(chinese500 + "急"))).isEqualTo(
                new BreakGlassHeader.Malformed("X-Break-Glass-Reason is too long: at most 500 characters"));
        assertThat(BreakGlassHeader.read("x".repeat(501))).isInstanceOf(BreakGlassHeader.Malformed.class);
        assertThat(BreakGlassHeader.read("UTF-8''" + "%25".repeat(100_000))).isInstanceOf(BreakGlassHeader.Malformed.class);
    }
}
