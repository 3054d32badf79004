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
    void aFirstPageThatTellsTheTotalAndTheOffsetOfItsNextPageGivesEveryLaterPageToReadSideBySide() {
        ObjectNode first = (ObjectNode) page("http://fhir/fhir?_getpages=abc&_getpagesoffset=500&_count=500&_bundletype=searchset");
        first.put("total", 2065);

        assertThat(FhirPages.laterPages(first)).containsExactly(
                "http://fhir/fhir?_getpages=abc&_getpagesoffset=500&_count=500&_bundletype=searchset",
                "http://fhir/fhir?_getpages=abc&_getpagesoffset=1000&_count=500&_bundletype=searchset",
                "http://fhir/fhir?_getpages=abc&_getpagesoffset=1500&_count=500&_bundletype=searchset",
                "http://fhir/fhir?_getpages=abc&_getpagesoffset=2000&_count=500&_bundletype=searchset");
    }

    @Test
    void withoutATotalOrAnOffsetTheLaterPagesAreReadOneAfterAnother() {
        JsonNode noTotal = page("http://fhir/fhir?_getpages=abc&_getpagesoffset=500&_count=500");
        ObjectNode noOffset = (ObjectNode) page("http://fhir/fhir/Observation?_cursor=xyz&_count=500");
        noOffset.put("total", 2065);

        assertThat(FhirPages.laterPages(noTotal)).isEmpty();
        assertThat(FhirPages.laterPages(noOffset)).isEmpty();
        assertThat(FhirPages.laterPages(((ObjectNode) page(null)).put("total", 10))).isEmpty();
    }

    @Test
    void aTotalOfMoreThanTwentyPagesIsNotReadSideBySide() {
        ObjectNode first = (ObjectNode) page("http://fhir/fhir?_getpages=abc&_getpagesoffset=10&_count=10");
        first.put("total", 10 * FhirPages.MOST_PAGES + 1);

        assertThat(FhirPages.laterPages(first)).isEmpty();
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
