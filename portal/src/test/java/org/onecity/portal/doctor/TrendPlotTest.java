package org.onecity.portal.doctor;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TrendPlotTest {

    private final List<TrendPoint> values = List.of(
            new TrendPoint(Instant.parse("2024-01-02T01:00:00Z"), new BigDecimal("18.1"), "g/dL", "H001"),
            new TrendPoint(Instant.parse("2024-01-03T01:00:00Z"), new BigDecimal("11.0"), "g/dL", "H002"),
            new TrendPoint(Instant.parse("2024-02-01T01:00:00Z"), new BigDecimal("13.5"), "g/dL", "H002"));

    @Test
    void thePlotIsAnAccessibleSvgWithTheReferenceRangeAsABandAndOneMarkerPerValue() {
        String svg = TrendPlot.svg("Hemoglobin (g/dL)", values, ReferenceRange.typicalFor("718-7"), List.of("H001", "H002"));

        assertThat(svg).startsWith("<svg").endsWith("</svg>").contains("role=\"img\"")
                .contains("<title id=\"trend-title\">Hemoglobin (g/dL)</title>")
                .contains("<rect class=\"range\"");
        // three values and two legend markers
        assertThat(svg.split("class=\"point\"", -1)).hasSize(3 + 2 + 1);
        assertThat(svg).contains("2024-01-02").contains("2024-02-01").contains(">H001<").contains(">H002<");
    }

    @Test
    void theDescriptionTellsHowManyValuesLieOutsideTheRange() {
        String svg = TrendPlot.svg("Hemoglobin", values, ReferenceRange.typicalFor("718-7"), List.of("H001", "H002"));

        assertThat(svg).contains("3 values; reference range 12 to 17.5; 2 outside the range");
    }

    @Test
    void aTestWithoutARangeIsPlottedWithoutABandAndTextIsEscaped() {
        String svg = TrendPlot.svg("A<B & \"C\"", values.subList(0, 1), Optional.empty(), List.of("H001"));

        assertThat(svg).doesNotContain("class=\"range\"").contains("A&lt;B &amp; &quot;C&quot;");
    }

    @Test
    void noValuesGiveAnEmptyPlotWithItsTitle() {
        assertThat(TrendPlot.svg("Hemoglobin", List.of(), Optional.empty(), List.of()))
                .contains("0 values").endsWith("</svg>");
    }

    @Test
    void coordinatesUseDotsWhateverTheServersDefaultLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            String svg = TrendPlot.svg("Hemoglobin", values, ReferenceRange.typicalFor("718-7"), List.of("H001", "H002"));

            assertThat(svg).containsPattern("cx=\"[0-9]+\\.[0-9]\"").doesNotContainPattern("=\"[0-9-]+,[0-9]+\"")
                    .doesNotContainPattern("[ML][0-9]+,[0-9]");
        } finally {
            Locale.setDefault(before);
        }
    }
}
