package org.onecity.portal.insurer;

import org.junit.jupiter.api.Test;
import org.onecity.portal.locale.PortalLocales;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SettlementChartTest {

    private static final List<HospitalTotals> DAY = List.of(
            new HospitalTotals("H001", 3, new BigDecimal("300.00"), new BigDecimal("210.00"), new BigDecimal("60.00")),
            new HospitalTotals("H<2>", 1, new BigDecimal("100.00"), new BigDecimal("70.00"), new BigDecimal("20.00")));

    @Test
    void eachHospitalHasABarWithTheSameAmountsTheTableShows() {
        String svg = SettlementChart.svg("Per hospital", "Fund", "Personal accounts", DAY, PortalLocales.ENGLISH);
        assertThat(svg).startsWith("<svg").contains("role=\"img\"").contains("<title id=\"chart-title\">Per hospital")
                .contains("H001: Fund ¥210.00, Personal accounts ¥60.00.").contains(">¥270.00<").contains(">¥90.00<");
        assertThat(svg).as("text from elsewhere is escaped").contains("H&lt;2&gt;").doesNotContain("H<2>");
    }

    @Test
    void theLargestBarFillsTheRoomAndTheOthersInProportion() {
        String svg = SettlementChart.svg("t", "Fund", "Personal accounts", DAY, PortalLocales.ENGLISH);
        // 640 - 72 - 150 = 418 pixels for 270.00 yuan; H001's fund is 210/270 of it
        assertThat(svg).contains("width=\"325.1\"").contains("width=\"92.9\"");
    }

    @Test
    void aDayWithoutAmountsDrawsNoBarAndNoDivisionByZero() {
        String svg = SettlementChart.svg("t", "Fund", "Personal accounts",
                List.of(new HospitalTotals("H001", 1, BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2),
                        BigDecimal.ZERO.setScale(2))), PortalLocales.CHINESE);
        assertThat(svg).contains("width=\"0.0\"").contains("¥0.00");
    }
}
