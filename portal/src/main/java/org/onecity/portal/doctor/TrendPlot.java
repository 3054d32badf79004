package org.onecity.portal.doctor;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.onecity.portal.city.Svg.escape;

/**
 * A test's values over time as an inline SVG drawn on the server: the reference range as a band, one marker shape
 * per hospital, values outside the range in bold. It needs no script, and its title and description name what it
 * shows for screen readers; the page puts the same values in a table beside it.
 */
public final class TrendPlot {

    static final int WIDTH = 640;
    static final int HEIGHT = 260;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;
    /** Colours with at least 4.5:1 contrast on white, told apart by shape too. */
    private static final String[] COLOURS = {"#1f5fa8", "#a8321f", "#2b6e2b", "#6b3fa0", "#8a5a00"};
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneId.of("Asia/Shanghai"));

    private TrendPlot() {
    }

    /**
     * @param title     what the plot shows, e.g. "Hemoglobin (g/dL)"
     * @param hospitals the hospitals in legend order; a point of another hospital gets the last marker
     */
    public static String svg(String title, List<TrendPoint> points, Optional<ReferenceRange> range, List<String> hospitals) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                + "role=\"img\" aria-labelledby=\"trend-title trend-desc\" class=\"trend\">", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<title id=\"trend-title\">").append(escape(title)).append("</title>");
        svg.append("<desc id=\"trend-desc\">").append(escape(description(points, range))).append("</desc>");
        if (points.isEmpty()) {
            return svg.append("</svg>").toString();
        }
        Scale y = Scale.of(points, range);
        long first = points.stream().map(TrendPoint::when).min(Instant::compareTo).orElseThrow().getEpochSecond();
        long last = points.stream().map(TrendPoint::when).max(Instant::compareTo).orElseThrow().getEpochSecond();
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        range.ifPresent(r -> {
            double top = y.toPixel(r.high() != null ? r.high() : y.max, plotHeight);
            double bottom = y.toPixel(r.low() != null ? r.low() : y.min, plotHeight);
            svg.append(String.format(Locale.ROOT, "<rect class=\"range\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#e3f1e3\"/>",
                    LEFT, TOP + top, plotWidth, Math.max(1, bottom - top)));
        });
        // axes and the value axis' ticks
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", LEFT, TOP, LEFT, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", LEFT, HEIGHT - BOTTOM,
                WIDTH - RIGHT, HEIGHT - BOTTOM));
        for (BigDecimal tick : y.ticks()) {
            double py = TOP + y.toPixel(tick, plotHeight);
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"#222\">%s</text>",
                    LEFT - 6, py + 4, tick.stripTrailingZeros().toPlainString()));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#222\">%s</text>", LEFT, HEIGHT - 22,
                DAY.format(Instant.ofEpochSecond(first))));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\" fill=\"#222\">%s</text>",
                WIDTH - RIGHT, HEIGHT - 22, DAY.format(Instant.ofEpochSecond(last))));
        // the line through the values in time order, then the markers
        List<double[]> xy = new ArrayList<>();
        List<TrendPoint> inOrder = points.stream().sorted(java.util.Comparator.comparing(TrendPoint::when)).toList();
        for (TrendPoint p : inOrder) {
            double px = LEFT + (last == first ? plotWidth / 2 : (p.when().getEpochSecond() - first) * plotWidth / (last - first));
            xy.add(new double[] {px, TOP + y.toPixel(p.value(), plotHeight)});
        }
        StringBuilder path = new StringBuilder();
        xy.forEach(c -> path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", c[0], c[1])));
        svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#777\" stroke-width=\"1\"/>");
        for (int i = 0; i < inOrder.size(); i++) {
            TrendPoint p = inOrder.get(i);
            int h = Math.max(0, hospitals.indexOf(p.hospital()));
            boolean outside = range.map(r -> !r.contains(p.value())).orElse(false);
            svg.append(marker(h, xy.get(i)[0], xy.get(i)[1], outside));
        }
        // legend: marker and hospital
        for (int h = 0; h < hospitals.size(); h++) {
            double lx = LEFT + 10 + h * 110;
            svg.append(marker(h, lx, HEIGHT - 8, false));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#222\">%s</text>", lx + 9, HEIGHT - 4,
                    escape(hospitals.get(h))));
        }
        return svg.append("</svg>").toString();
    }

    private static String marker(int hospital, double x, double y, boolean outside) {
        String colour = COLOURS[Math.min(hospital, COLOURS.length - 1)];
        String stroke = outside ? " stroke=\"#000\" stroke-width=\"2\"" : "";
        return switch (hospital % 3) {
            case 0 -> String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"%s/>", x, y, colour, stroke);
            case 1 -> String.format(Locale.ROOT, "<rect class=\"point\" x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\"%s/>",
                    x - 5, y - 5, colour, stroke);
            default -> String.format(Locale.ROOT, "<path class=\"point\" d=\"M%.1f %.1f L%.1f %.1f L%.1f %.1f Z\" fill=\"%s\"%s/>",
                    x, y - 6, x + 6, y + 5, x - 6, y + 5, colour, stroke);
        };
    }

    private static String description(List<TrendPoint> points, Optional<ReferenceRange> range) {
        StringBuilder text = new StringBuilder(points.size() + " values");
        range.ifPresent(r -> text.append("; reference range ").append(plain(r.low())).append(" to ").append(plain(r.high())));
        long outside = range.map(r -> points.stream().filter(p -> !r.contains(p.value())).count()).orElse(0L);
        if (outside > 0) {
            text.append("; ").append(outside).append(" outside the range");
        }
        return text.toString();
    }

    private static String plain(BigDecimal value) {
        return value == null ? "-" : value.stripTrailingZeros().toPlainString();
    }


    /** The value axis: from a little below the lowest value (or range) to a little above the highest. */
    private record Scale(BigDecimal min, BigDecimal max) {

        static Scale of(List<TrendPoint> points, Optional<ReferenceRange> range) {
            List<BigDecimal> values = new ArrayList<>(points.stream().map(TrendPoint::value).toList());
            range.ifPresent(r -> {
                if (r.low() != null) {
                    values.add(r.low());
                }
                if (r.high() != null) {
                    values.add(r.high());
                }
            });
            BigDecimal min = values.stream().min(BigDecimal::compareTo).orElseThrow();
            BigDecimal max = values.stream().max(BigDecimal::compareTo).orElseThrow();
            BigDecimal margin = max.subtract(min).signum() == 0 ? BigDecimal.ONE
                    : max.subtract(min).multiply(new BigDecimal("0.1"));
            return new Scale(min.subtract(margin), max.add(margin));
        }

        /** Pixels from the top of the plot area. */
        double toPixel(BigDecimal value, double height) {
            double span = max.subtract(min).doubleValue();
            return height - (value.subtract(min).doubleValue() / span) * height;
        }

        List<BigDecimal> ticks() {
            BigDecimal step = max.subtract(min).divide(new BigDecimal(4), 2, java.math.RoundingMode.HALF_UP);
            List<BigDecimal> ticks = new ArrayList<>();
            for (int i = 0; i <= 4; i++) {
                ticks.add(min.add(step.multiply(new BigDecimal(i))).setScale(1, java.math.RoundingMode.HALF_UP));
            }
            return ticks;
        }
    }
}
