package org.onecity.portal.doctor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A test's values for one person across hospitals, oldest first, with its reference range; {@code complete} is false
 * when the city record had more pages than the portal reads.
 */
public record Trend(String code, String title, String unit, List<TrendPoint> points, Optional<ReferenceRange> range,
                    boolean complete) {

    public List<String> hospitals() {
        return points.stream().map(TrendPoint::hospital).filter(Objects::nonNull).distinct().sorted().toList();
    }

    public String svg() {
        return TrendPlot.svg(title + (unit == null ? "" : " (" + unit + ")"), points, range, hospitals());
    }
}
