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

    private static JsonNode page(String next) {
        ObjectNode bundle = JsonNodeFactory.instance.objectNode().put("resourceType", "Bundle");
        if (next != null) {
            bundle.putArray("link").addObject().put("relation", "next").put("url", next);
        }
        return bundle;
    }
}
