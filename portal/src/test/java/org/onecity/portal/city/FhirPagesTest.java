package org.onecity.portal.city;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FhirPagesTest {

    @Test
    void aSearchWithFewPagesIsReadToTheEndAndComplete() {
        List<String> fetched = new ArrayList<>();

        boolean complete = FhirPages.read(link -> {
            fetched.add(link);
            return page(link.equals("/first") ? "/second" : null);
        }, "/first", page -> { }, () -> false);

        assertThat(complete).isTrue();
        assertThat(fetched).containsExactly("/first", "/second");
    }

    @Test
    void aServerThatAlwaysAnswersNextIsReadForTwentyPagesAndThePartIsSaid() {
        List<String> fetched = new ArrayList<>();

        boolean complete = FhirPages.read(link -> {
            fetched.add(link);
            return page("/page-" + fetched.size());
        }, "/first", page -> { }, () -> false);

        assertThat(complete).isFalse();
        assertThat(fetched).hasSize(FhirPages.MOST_PAGES);
    }

    @Test
    void aNextLinkThatRepeatsEndsTheReading() {
        List<String> fetched = new ArrayList<>();

        boolean complete = FhirPages.read(link -> {
            fetched.add(link);
            return page("/again");
        }, "/first", page -> { }, () -> false);

        assertThat(complete).isFalse();
        assertThat(fetched).containsExactly("/first", "/again");
    }

    @Test
    void theLaterPagesOfALongSearchAreAskedSideBySideUntilOneEndsIt() {
        List<List<String>> waves = new ArrayList<>();
        List<Integer> entries = new ArrayList<>();

        boolean complete = FhirPages.readSideBySide(link -> offsetPage(link, 35, false),
                links -> sideBySide(waves, links, 35, false), "/Patient/1/$everything?_count=10",
                page -> entries.add(page.path("entry").size()), () -> false);

        assertThat(complete).isTrue();
        assertThat(waves).containsExactly(List.of(pages(10), pages(20), pages(30)));
        assertThat(entries).containsExactly(10, 10, 10, 5);
    }

    @Test
    void pagesPastTheTotalTheServerTellsAreNotAsked() {
        List<List<String>> waves = new ArrayList<>();

        boolean complete = FhirPages.readSideBySide(link -> offsetPage(link, 45, false),
                links -> sideBySide(waves, links, 45, true), "/Patient/1/$everything?_count=10", page -> { }, () -> false);

        assertThat(complete).isTrue();
        assertThat(waves).containsExactly(List.of(pages(10), pages(20), pages(30)), List.of(pages(40)));
    }

    @Test
    void aServerThatAlwaysAnswersNextIsReadSideBySideForTwentyPagesInAll() {
        List<List<String>> waves = new ArrayList<>();

        boolean complete = FhirPages.readSideBySide(link -> offsetPage(link, Integer.MAX_VALUE, false),
                links -> sideBySide(waves, links, Integer.MAX_VALUE, false), "/Patient/1/$everything?_count=10",
                page -> { }, () -> false);

        assertThat(complete).isFalse();
        assertThat(1 + waves.stream().mapToInt(List::size).sum()).isEqualTo(FhirPages.MOST_PAGES);
    }

    @Test
    void nextLinksWithoutAnOffsetAreReadOneAfterAnother() {
        List<String> fetched = new ArrayList<>();

        boolean complete = FhirPages.readSideBySide(link -> {
            fetched.add(link);
            return page(link.equals("/first") ? "/second" : null);
        }, links -> {
            throw new AssertionError("no offset, nothing to ask side by side");
        }, "/first", page -> { }, () -> false);

        assertThat(complete).isTrue();
        assertThat(fetched).containsExactly("/first", "/second");
    }

    /** HAPI's paging links: a page past the end is empty and has no next link; the total once all are found. */
    private static JsonNode offsetPage(String link, int total, boolean tellsTotal) {
        java.util.regex.Matcher at = java.util.regex.Pattern.compile("_getpagesoffset=(\\d+)").matcher(link);
        int offset = at.find() ? Integer.parseInt(at.group(1)) : 0;
        ObjectNode bundle = (ObjectNode) page(offset + 10 < total ? pages(offset + 10) : null);
        var entry = bundle.putArray("entry");
        for (int i = offset; i < Math.min(total, offset + 10); i++) {
            entry.addObject();
        }
        if (tellsTotal) {
            bundle.put("total", total);
        }
        return bundle;
    }

    private static List<JsonNode> sideBySide(List<List<String>> waves, List<String> links, int total, boolean tellsTotal) {
        waves.add(links);
        return links.stream().map(link -> offsetPage(link, total, tellsTotal)).toList();
    }

    private static String pages(int offset) {
        return "http://fhir/fhir?_getpages=abc&_getpagesoffset=" + offset + "&_count=10&_bundletype=searchset";
    }

    @Test
    void aReadFromTheSecondPageStopsAtTheBoundItIsGiven() {
        List<String> fetched = new ArrayList<>();

        boolean complete = FhirPages.read(link -> {
            fetched.add(link);
            return page("/page-" + fetched.size());
        }, "/second", page -> { }, () -> false, FhirPages.MOST_PAGES - 1);

        assertThat(complete).isFalse();
        assertThat(fetched).hasSize(FhirPages.MOST_PAGES - 1);
    }

    private static JsonNode page(String next) {
        ObjectNode bundle = JsonNodeFactory.instance.objectNode().put("resourceType", "Bundle");
        if (next != null) {
            bundle.putArray("link").addObject().put("relation", "next").put("url", next);
        }
        return bundle;
    }
}
