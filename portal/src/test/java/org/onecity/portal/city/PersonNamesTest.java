package org.onecity.portal.city;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** A person's name as the reader's language writes it. */
class PersonNamesTest {

    private static final Locale CHINESE = Locale.forLanguageTag("zh-CN");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aNameInLettersIsGivenNameFirstInEnglishAndFamilyNameFirstInChinese() throws Exception {
        JsonNode patient = json.readTree("{\"name\": [{\"family\": \"Zhang\", \"given\": [\"Wei\"]}]}");

        assertThat(PersonNames.shown(patient, Locale.ENGLISH)).isEqualTo("Wei Zhang");
        assertThat(PersonNames.shown(patient, CHINESE)).isEqualTo("Zhang Wei");
    }

    @Test
    void aNameInCharactersIsFamilyNameFirstWithoutASpaceInEitherLanguage() throws Exception {
        JsonNode patient = json.readTree("{\"name\": [{\"family\": \"欧阳\", \"given\": [\"娜娜\"]}]}");

        assertThat(PersonNames.shown(patient, CHINESE)).isEqualTo("欧阳娜娜");
        assertThat(PersonNames.shown(patient, Locale.ENGLISH)).as("the only name there is").isEqualTo("欧阳娜娜");
    }

    @Test
    void aRecordWithBothGivesEachReaderTheirScript() throws Exception {
        JsonNode patient = json.readTree("""
                {"name": [{"use": "official", "family": "张", "given": ["伟"]},
                          {"use": "usual", "family": "Zhang", "given": ["Wei"]}]}""");

        assertThat(PersonNames.shown(patient, CHINESE)).isEqualTo("张伟");
        assertThat(PersonNames.shown(patient, Locale.ENGLISH)).isEqualTo("Wei Zhang");
        assertThat(PersonNames.shown(patient, Locale.FRENCH)).isEqualTo("Wei Zhang");
    }

    @Test
    void aNamesOwnTextIsShownAsWrittenAndAnOldNameNever() throws Exception {
        JsonNode patient = json.readTree("""
                {"name": [{"use": "old", "family": "Li", "given": ["Old"]},
                          {"text": "Li Na", "family": "Li", "given": ["Na"]}]}""");

        assertThat(PersonNames.shown(patient, Locale.ENGLISH)).isEqualTo("Li Na");
        assertThat(PersonNames.shown(patient, CHINESE)).isEqualTo("Li Na");
        assertThat(PersonNames.shown(json.readTree("{}"), CHINESE)).isEmpty();
    }
}
