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

    /** Pages asked at once: a few, as the services share the machine. */
    static final int SIDE_BY_SIDE = 3;
    private static final Pattern OFFSET = Pattern.compile("([?&]_getpagesoffset=)(\\d+)");
    private static final Pattern COUNT = Pattern.compile("[?&]_count=(\\d+)");

    /**
     * As {@link #read(Function, String, Consumer, BooleanSupplier)}, but when a {@code next} link says where its page
     * starts and how long it is (HAPI's {@code _getpagesoffset} and {@code _count}), the following pages are asked
     * side by side, {@link #SIDE_BY_SIDE} at a time ({@code fetchAll} answers each link's bundle, in order): a page
     * past the end answers empty and without a {@code next} link. Within the same bounds of twenty pages.
     */
    public static boolean readSideBySide(Function<String, JsonNode> fetch, Function<List<String>, List<JsonNode>> fetchAll,
                                         String first, Consumer<JsonNode> page, BooleanSupplier enough) {
        JsonNode bundle = fetch.apply(first);
        page.accept(bundle);
        int read = 1;
        Set<String> followed = new HashSet<>(Set.of(first));
        String next = FhirJson.next(bundle);
        while (next != null) {
            if (enough.getAsBoolean()) {
                return false;
            }
            List<String> wave = following(next, Math.min(SIDE_BY_SIDE, MOST_PAGES - read), total(bundle));
            if (wave.isEmpty()) {
                return read(fetch, next, page, enough, MOST_PAGES - read);
            }
            if (wave.stream().anyMatch(followed::contains)) {
                return false;
            }
            followed.addAll(wave);
            List<JsonNode> bundles = fetchAll.apply(wave);
            bundles.forEach(page);
            bundle = bundles.get(bundles.size() - 1);
            read += bundles.size();
            if (bundles.stream().anyMatch(b -> FhirJson.next(b) == null)) {
                return true;
            }
            next = FhirJson.next(bundle);
            if (followed.contains(next)) {
                return false;
            }
        }
        return true;
    }

    /** How many results the search has in all, when the bundle says (HAPI does once it has found them all). */
    private static long total(JsonNode bundle) {
        return bundle.path("total").isIntegralNumber() ? bundle.get("total").asLong() : Long.MAX_VALUE;
    }

    /**
     * The links of {@code pages} pages from {@code next} on (none past {@code total}), when it tells its offset and
     * length; else none.
     */
    static List<String> following(String next, int pages, long total) {
        Matcher offset = OFFSET.matcher(next);
        Matcher count = COUNT.matcher(next);
        if (pages <= 0 || !offset.find() || !count.find() || Long.parseLong(count.group(1)) <= 0) {
            return List.of();
        }
        long start = Long.parseLong(offset.group(2));
        long size = Long.parseLong(count.group(1));
        List<String> links = new ArrayList<>();
        for (int i = 0; i < pages && start + i * size < total; i++) {
            links.add(next.substring(0, offset.start()) + offset.group(1) + (start + i * size) + next.substring(offset.end()));
        }
        return links;
    }
}
