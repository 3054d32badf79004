package org.onecity.portal.bureau;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeChartTest {

    private static final IntakeChart.Labels LABELS = new IntakeChart.Labels("H001 <per day>", "Accepted", "Refused");

    @Test
    void eachDayWithResourcesHasABarPerOutcomeAndTheChartNamesItsTotals() {
        IntakeReport.Hospital hospital = new IntakeReport.Hospital("H001", List.of(
                new IntakeReport.Day(LocalDate.of(2026, 12, 1), 10, 0),
                new IntakeReport.Day(LocalDate.of(2026, 12, 2), 0, 0),
                new IntakeReport.Day(LocalDate.of(2026, 12, 3), 7, 6)), List.of(), 0);

        String svg = IntakeChart.svg("intake-H001", hospital, LABELS);

        assertThat(count(svg, "class=\"accepted\"")).isEqualTo(2);
        assertThat(count(svg, "class=\"refused\"")).isEqualTo(1);
        assertThat(svg).contains("role=\"img\"").contains("aria-labelledby=\"intake-H001-title intake-H001-desc\"")
                .contains("<title id=\"intake-H001-title\">H001 &lt;per day&gt;</title>")
                .contains("Accepted 17, Refused 6").contains("12-01").contains("12-03");
    }

    @Test
    void theValueAxisEndsAtARoundNumber() {
        assertThat(IntakeChart.niceCeiling(1)).isEqualTo(1);
        assertThat(IntakeChart.niceCeiling(3)).isEqualTo(5);
        assertThat(IntakeChart.niceCeiling(17)).isEqualTo(20);
        assertThat(IntakeChart.niceCeiling(501)).isEqualTo(1000);
    }

    @Test
    void aWindowWithNothingPushedDrawsOnlyTheAxes() {
        IntakeReport.Hospital quiet = new IntakeReport.Hospital("H002",
                List.of(new IntakeReport.Day(LocalDate.of(2026, 12, 3), 0, 0)), List.of(), 0);

        String svg = IntakeChart.svg("intake-H002", quiet, LABELS);

        assertThat(svg).doesNotContain("class=\"accepted\"").doesNotContain("class=\"refused\"").endsWith("</svg>");
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
