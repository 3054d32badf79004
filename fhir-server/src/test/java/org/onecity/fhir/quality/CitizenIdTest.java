package org.onecity.fhir.quality;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CitizenIdTest {

    @Test
    void theCheckCharacterFollowsIso7064Mod11_2() {
        // the example number published with GB 11643-1999
        assertThat(CitizenId.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(CitizenId.isValid("11010519491231002X")).isTrue();
    }

    @Test
    void aMistypedDigitIsCaught() {
        assertThat(CitizenId.isValid("11010519491231003X")).isFalse();
    }

    @Test
    void onlySeventeenDigitsAndACheckCharacterAreANumber() {
        assertThat(CitizenId.isValid("1101051949123100")).isFalse();
        assertThat(CitizenId.isValid("11010519491231002x")).isFalse();
        assertThat(CitizenId.isValid(null)).isFalse();
    }
}
