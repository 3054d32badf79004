package org.onecity.portal.doctor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchQueryTest {

    @Test
    void aValidCitizenIdAndANameAreSearched() {
        assertThat(new SearchQuery("37020219510102001X").isMistypedCitizenId()).isFalse();
        assertThat(new SearchQuery(" 37020219510102001x ").isMistypedCitizenId()).as("a lower-case x").isFalse();
        assertThat(new SearchQuery("Zhang Wei").isMistypedCitizenId()).isFalse();
        assertThat(new SearchQuery("张伟").isMistypedCitizenId()).isFalse();
    }

    @Test
    void digitsThatAreNoCitizenIdAreATypingError() {
        assertThat(new SearchQuery("370202195101020011").isMistypedCitizenId()).as("wrong check character").isTrue();
        assertThat(new SearchQuery("37020219510102001").isMistypedCitizenId()).as("a digit missing").isTrue();
        assertThat(new SearchQuery("37020291510102001X").isMistypedCitizenId()).as("two digits swapped").isTrue();
        assertThat(new SearchQuery("3702021951010200100").isMistypedCitizenId()).as("one too many").isTrue();
    }
}
