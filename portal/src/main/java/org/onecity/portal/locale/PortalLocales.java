package org.onecity.portal.locale;

import org.springframework.context.i18n.LocaleContextHolder;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** The two languages of the portal and how money and dates read in each. */
public final class PortalLocales {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;
    /** The city's clock: dates on pages are the city's dates. */
    public static final ZoneId CITY_ZONE = ZoneId.of("Asia/Shanghai");

    private PortalLocales() {
    }

    /** Chinese for any Chinese browser, English otherwise. */
    public static Locale supported(Locale requested) {
        return requested != null && "zh".equals(requested.getLanguage()) ? CHINESE : ENGLISH;
    }

    /** Yuan with the sign and always two decimals, grouped as the locale groups: ¥1,234.50. */
    public static String money(BigDecimal yuan, Locale locale) {
        if (yuan == null) {
            return "";
        }
        java.text.DecimalFormat format = (java.text.DecimalFormat) java.text.NumberFormat.getNumberInstance(
                supported(locale));
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        format.setRoundingMode(java.math.RoundingMode.UNNECESSARY);
        String sign = yuan.signum() < 0 ? "-" : "";
        return sign + "¥" + format.format(yuan.abs().setScale(2, java.math.RoundingMode.UNNECESSARY));
    }

    /** A date as the person reads it: 2024年1月2日 or Jan 2, 2024. */
    public static String date(Instant instant, Locale locale) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(supported(locale))
                .format(instant.atZone(CITY_ZONE));
    }

    /** A calendar day (a bill's due date) read the same way as other dates. */
    public static String date(LocalDate day, Locale locale) {
        if (day == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(supported(locale)).format(day);
    }

    public static String dateTime(Instant instant, Locale locale) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(supported(locale)).format(instant.atZone(CITY_ZONE));
    }

    /** For templates: {@code ${@formats.money(x)}} in the request's locale. */
    public static final class Formats {

        public String money(BigDecimal yuan) {
            return PortalLocales.money(yuan, LocaleContextHolder.getLocale());
        }

        public String date(Instant instant) {
            return PortalLocales.date(instant, LocaleContextHolder.getLocale());
        }

        public String day(LocalDate day) {
            return PortalLocales.date(day, LocaleContextHolder.getLocale());
        }

        public String dateTime(Instant instant) {
            return PortalLocales.dateTime(instant, LocaleContextHolder.getLocale());
        }
    }
}
