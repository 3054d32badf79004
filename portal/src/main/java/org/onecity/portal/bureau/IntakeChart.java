package org.onecity.portal.bureau;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * One hospital's intake per day as an inline SVG drawn on the server: for each day a bar of resources accepted and,
 * beside it, a hatched bar of resources refused. It needs no script; its title and description say what it shows, and
 * the page puts the same figures in a table beside it.
 */
public final class IntakeChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 220;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 44;
    /** At least 4.5:1 on white; refused bars are hatched too, so the two tell apart without colour. */
    private static final String ACCEPTED = "#1f5fa8";
    private static final String REFUSED = "#a8321f";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);

    private IntakeChart() {
    }

    /**
     * @param id     unique on the page, for the title and description ids
     * @param labels the words for "accepted", "refused" and the chart's title, in the person's language
     */
    public static String svg(String id, IntakeReport.Hospital hospital, Labels labels) {
        List<IntakeReport.Day> days = hospital.days();
        long most = Math.max(1, days.stream().mapToLong(d -> Math.max(d.accepted(), d.refused())).max().orElse(1));
        long top = niceCeiling(most);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
                        + "height=\"%d\" role=\"img\" aria-labelledby=\"%s-title %s-desc\" class=\"intake\">",
                WIDTH, HEIGHT, WIDTH, HEIGHT, escape(id), escape(id)));
        svg.append("<title id=\"").append(escape(id)).append("-title\">").append(escape(labels.title())).append("</title>");
        svg.append("<desc id=\"").append(escape(id)).append("-desc\">").append(escape(String.format(Locale.ROOT,
                "%s %d, %s %d", labels.accepted(), hospital.accepted(), labels.refused(), hospital.refused())))
                .append("</desc>");
        svg.append("<defs><pattern id=\"").append(escape(id)).append("-hatch\" width=\"4\" height=\"4\" "
                + "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"4\" height=\"4\" fill=\"")
                .append(REFUSED).append("\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" stroke=\"#fff\" stroke-width=\"1.5\"/>"
                        + "</pattern></defs>");
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        line(svg, LEFT, TOP, LEFT, HEIGHT - BOTTOM);
        line(svg, LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM);
        for (int i = 0; i <= 2; i++) {
            long tick = top * i / 2;
            double y = TOP + plotHeight - tick * plotHeight / top;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" "
                    + "fill=\"#222\">%d</text>", LEFT - 6, y + 4, tick));
        }
        double slot = plotWidth / Math.max(1, days.size());
        double bar = Math.max(1, Math.min(14, slot * 0.4));
        for (int i = 0; i < days.size(); i++) {
            IntakeReport.Day day = days.get(i);
            double x = LEFT + i * slot + slot / 2;
            bar(svg, "accepted", x - bar, bar, day.accepted(), top, plotHeight, ACCEPTED);
            bar(svg, "refused", x, bar, day.refused(), top, plotHeight, "url(#" + escape(id) + "-hatch)");
            if (i == 0 || i == days.size() - 1 || days.size() <= 8 || i % Math.max(1, days.size() / 6) == 0) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" "
                        + "fill=\"#222\">%s</text>", x, HEIGHT - BOTTOM + 14, DAY.format(day.day())));
            }
        }
        legend(svg, LEFT + 10, ACCEPTED, labels.accepted());
        legend(svg, LEFT + 150, "url(#" + escape(id) + "-hatch)", labels.refused());
        return svg.append("</svg>").toString();
    }

    /** The words of a chart, in the person's language. */
    public record Labels(String title, String accepted, String refused) {
    }

    /** 1, 2, 5, 10, 20, 50... at or above the value, so the axis reads in round numbers. */
    static long niceCeiling(long value) {
        long step = 1;
        while (true) {
            for (long factor : new long[] {1, 2, 5}) {
                if (step * factor >= value) {
                    return step * factor;
                }
            }
            step *= 10;
        }
    }

    private static void bar(StringBuilder svg, String kind, double x, double width, long value, long top,
                            double plotHeight, String fill) {
        if (value == 0) {
            return;
        }
        double height = Math.max(1, value * plotHeight / top);
        svg.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                + "fill=\"%s\"/>", kind, x, TOP + plotHeight - height, width, height, fill));
    }

    private static void legend(StringBuilder svg, int x, String fill, String label) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>",
                x, HEIGHT - 16, fill));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#222\">%s</text>",
                x + 14, HEIGHT - 7, escape(label)));
    }

    private static void line(StringBuilder svg, int x1, int y1, int x2, int y2) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", x1, y1, x2, y2));
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
