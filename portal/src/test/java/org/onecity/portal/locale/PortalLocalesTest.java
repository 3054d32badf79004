package org.onecity.portal.locale;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class PortalLocalesTest {

    @Test
    void moneyIsYuanWithTwoDecimalsGroupedInEitherLanguage() {
        assertThat(PortalLocales.money(new BigDecimal("1234.5"), Locale.ENGLISH)).isEqualTo("¥1,234.50");
        assertThat(PortalLocales.money(new BigDecimal("1234.5"), Locale.SIMPLIFIED_CHINESE)).isEqualTo("¥1,234.50");
        assertThat(PortalLocales.money(new BigDecimal("0"), Locale.ENGLISH)).isEqualTo("¥0.00");
        assertThat(PortalLocales.money(new BigDecimal("-36.5"), Locale.ENGLISH)).isEqualTo("-¥36.50");
    }

    @Test
    void datesAreTheCitysDatesInThePersonsLanguage() {
        Instant lateEveningUtc = Instant.parse("2024-01-01T20:00:00Z"); // already 2 January in the city
        assertThat(PortalLocales.date(lateEveningUtc, Locale.SIMPLIFIED_CHINESE)).isEqualTo("2024年1月2日");
        assertThat(PortalLocales.date(lateEveningUtc, Locale.ENGLISH)).isEqualTo("Jan 2, 2024");
    }

    @Test
    void aBillsDueDayReadsLikeEveryOtherDate() {
        LocalDate due = LocalDate.parse("2027-01-02");
        assertThat(PortalLocales.date(due, Locale.SIMPLIFIED_CHINESE)).isEqualTo("2027年1月2日");
        assertThat(PortalLocales.date(due, Locale.ENGLISH)).isEqualTo("Jan 2, 2027");
    }

    @Test
    void aChineseBrowserGetsChineseAndEveryOtherEnglish() {
        assertThat(PortalLocales.supported(Locale.TRADITIONAL_CHINESE)).isEqualTo(PortalLocales.CHINESE);
        assertThat(PortalLocales.supported(Locale.GERMAN)).isEqualTo(PortalLocales.ENGLISH);
        assertThat(PortalLocales.supported(null)).isEqualTo(PortalLocales.ENGLISH);
    }
}
