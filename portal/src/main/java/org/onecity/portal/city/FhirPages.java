package org.onecity.portal.city;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

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
        Set<String> followed = new HashSet<>();
        String next = first;
        while (next != null) {
            if (followed.size() == MOST_PAGES || !followed.add(next) || enough.getAsBoolean()) {
                return false;
            }
            JsonNode bundle = fetch.apply(next);
            page.accept(bundle);
            next = FhirJson.next(bundle);
        }
        return true;
    }
}
