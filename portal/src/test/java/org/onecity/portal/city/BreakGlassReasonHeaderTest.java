package org.onecity.portal.city;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reason goes out as the services read it: plain ASCII as it is, anything else as an RFC 8187 UTF-8 value. */
class BreakGlassReasonHeaderTest {

    @Test
    void aChineseReasonIsSentAsUtf8PercentEncodedAfterTheRfc8187Prefix() {
        // the same bytes BreakGlassHeaderTest in common reads back as 急诊：患者昏迷，无家属
        assertThat(CityServices.headerSafe("急诊：患者昏迷，无家属")).isEqualTo("UTF-8''"
                + "%E6%80%A5%E8%AF%8A%EF%BC%9A%E6%82%A3%E8%80%85%E6%98%8F%E8%BF%B7%EF%BC%8C%E6%97%A0%E5%AE%B6%E5%B1%9E");
    }

    @Test
    void spacesPercentSignsAndAccentsAreEncodedAndAttrCharsKept() {
        assertThat(CityServices.headerSafe("Notfall für Dr. Müller, 50% + 1"))
                .isEqualTo("UTF-8''Notfall%20f%C3%BCr%20Dr.%20M%C3%BCller%2C%2050%25%20+%201");
    }

    @Test
    void plainAsciiIsSentAsItIsUnlessItWouldReadAsAnEncodedValue() {
        assertThat(CityServices.headerSafe("Unconscious in the emergency room, 50% stenosis"))
                .isEqualTo("Unconscious in the emergency room, 50% stenosis");
        assertThat(CityServices.headerSafe("utf-8'' is on the monitor")).startsWith("UTF-8''utf-8%27%27%20");
    }

    @Test
    void aControlCharacterIsABugNotSomethingToSend() {
        assertThatThrownBy(() -> CityServices.headerSafe("Unconscious\r\nX-Other: 1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
