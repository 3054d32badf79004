package org.onecity.portal.insurer;

import org.onecity.portal.locale.PortalLocales;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

import static org.onecity.portal.city.Svg.escape;

/**
 * A day's settlement per hospital as an inline SVG drawn on the server: one bar per hospital, the fund's part and the
 * personal accounts' part side by side in the bar, each labelled with its amount. No script; its title and
 * description say what it shows, and the page has the same figures as a table.
 */
final class SettlementChart {

    static final int WIDTH = 640;
    private static final int LABELS = 72;
    private static final int AMOUNTS = 150;
    private static final int BAR = 22;
    private static final int GAP = 12;
    private static final int TOP = 34;
    /** At least 4.5:1 on white, and told apart by the legend's words, not colour alone. */
    private static final String FUND = "#1f5fa8";
    private static final String ACCOUNT = "#2b6e2b";

    private SettlementChart() {
    }

    static String svg(String title, String fundLabel, String accountLabel, List<HospitalTotals> hospitals, Locale locale) {
        int height = TOP + hospitals.size() * (BAR + GAP) + GAP;
        BigDecimal largest = hospitals.stream().map(h -> h.fund().add(h.personalAccount()))
                .max(BigDecimal::compareTo).filter(m -> m.signum() > 0).orElse(BigDecimal.ONE);
        double room = WIDTH - LABELS - AMOUNTS;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
                + "height=\"%d\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" class=\"chart\">", WIDTH, height,
                WIDTH, height));
        svg.append("<title id=\"chart-title\">").append(escape(title)).append("</title>");
        svg.append("<desc id=\"chart-desc\">");
        for (HospitalTotals h : hospitals) {
            svg.append(escape(h.hospital() + ": " + fundLabel + " " + PortalLocales.money(h.fund(), locale) + ", "
                    + accountLabel + " " + PortalLocales.money(h.personalAccount(), locale) + ". "));
        }
        svg.append("</desc>");
        legend(svg, 0, FUND, fundLabel);
        legend(svg, WIDTH / 3, ACCOUNT, accountLabel);
        int y = TOP;
        for (HospitalTotals h : hospitals) {
            double fund = width(h.fund(), largest, room);
            double account = width(h.personalAccount(), largest, room);
            svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"13\">%s</text>", y + 16,
                    escape(h.hospital())));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
                    LABELS, y, fund, BAR, FUND));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
                    LABELS + fund, y, account, BAR, ACCOUNT));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"13\">%s</text>",
                    LABELS + fund + account + 6, y + 16,
                    escape(PortalLocales.money(h.fund().add(h.personalAccount()), locale))));
            y += BAR + GAP;
        }
        return svg.append("</svg>").toString();
    }

    private static void legend(StringBuilder svg, int x, String colour, String label) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"6\" width=\"14\" height=\"14\" fill=\"%s\"/>", x, colour));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"13\">%s</text>", x + 20,
                escape(label)));
    }

    private static double width(BigDecimal amount, BigDecimal largest, double room) {
        // pixels only: the amounts themselves are never rounded
        return amount.signum() <= 0 ? 0 : amount.multiply(BigDecimal.valueOf(room))
                .divide(largest, 1, RoundingMode.HALF_UP).doubleValue();
    }

}
