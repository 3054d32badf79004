package org.onecity.portal.doctor;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A person's history across the city's hospitals as one list, newest first; items of one moment keep the order
 * encounter, report, result, document, image. Items without a date go last.
 */
public record Timeline(List<TimelineItem> items) {

    private static final Comparator<TimelineItem> NEWEST_FIRST = Comparator
            .comparing(TimelineItem::when, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(TimelineItem::kind)
            .thenComparing(TimelineItem::title, Comparator.nullsLast(Comparator.<String>naturalOrder()));

    public static Timeline of(List<TimelineItem> items) {
        return new Timeline(items.stream().sorted(NEWEST_FIRST).toList());
    }

    /** The hospitals the items came from, in order of first appearance. */
    public List<String> hospitals() {
        return items.stream().map(TimelineItem::hospital).filter(Objects::nonNull).distinct().toList();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }
}
