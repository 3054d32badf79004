package org.onecity.portal.city;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FHIR search read page by page, within bounds: a server that keeps answering {@code next} (or answers the same
 * link again) cannot keep a page of the portal loading. The caller says when what it read is only part.
 */
public final class FhirPages {

    /** Twenty pages of a few hundred records each cover the heaviest history the city holds. */
    public static final int MOST_PAGES = 20;

    private FhirPages() {
    }

    /**
     * Fetches the search's pages ({@code fetch} answers a link's bundle) and hands each to {@code page} until the
     * search ends, {@code enough} says so, twenty pages were read or a {@code next} link repeats; answers whether
     * every page was read.
     */
    public static boolean read(Function<String, JsonNode> fetch, String first, Consumer<JsonNode> page,
                               BooleanSupplier enough) {
        return read(fetch, first, page, enough, MOST_PAGES);
    }

    /** As {@link #read(Function, String, Consumer, BooleanSupplier)}, for at most {@code most} pages. */
    public static boolean read(Function<String, JsonNode> fetch, String first, Consumer<JsonNode> page,
                               BooleanSupplier enough, int most) {
        Set<String> followed = new HashSet<>();
        String next = first;
        while (next != null) {
            if (followed.size() >= most || !followed.add(next) || enough.getAsBoolean()) {
                return false;
            }
            JsonNode bundle = fetch.apply(next);
            page.accept(bundle);
            next = FhirJson.next(bundle);
        }
        return true;
    }

    private static final Pattern OFFSET = Pattern.compile("([?&]_getpagesoffset=)(\\d+)");
    private static final Pattern COUNT = Pattern.compile("[?&]_count=(\\d+)");

    /**
     * The links of every page after the first, when the first says how many results there are in all ({@code total})
     * and its {@code next} link where the next page starts and how long it is (HAPI's {@code _getpagesoffset} and
     * {@code _count}): the later pages can then be read side by side. Empty when the bundle does not say so, or when
     * all would be more than {@link #MOST_PAGES} pages (then reading page by page stops at the bound and says so).
     */
    public static List<String> laterPages(JsonNode first) {
        String next = FhirJson.next(first);
        Matcher offset = OFFSET.matcher(next == null ? "" : next);
        Matcher count = COUNT.matcher(next == null ? "" : next);
        if (!first.path("total").isIntegralNumber() || !offset.find() || !count.find()) {
            return List.of();
        }
        long total = first.path("total").asLong();
        long start = Long.parseLong(offset.group(2));
        long size = Long.parseLong(count.group(1));
        if (size <= 0 || start <= 0 || start >= total || 1 + (total - start + size - 1) / size > MOST_PAGES) {
            return List.of();
        }
        List<String> links = new ArrayList<>();
        for (long at = start; at < total; at += size) {
            links.add(next.substring(0, offset.start()) + offset.group(1) + at + next.substring(offset.end()));
        }
        return links;
    }
}
