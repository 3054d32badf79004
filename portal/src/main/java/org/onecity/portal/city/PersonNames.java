package org.onecity.portal.city;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A person's name as the reader's language writes it. A record may carry the name in Chinese characters and in
 * Latin letters (pinyin); a Chinese reader gets the characters, others the letters, each when the record has them. A
 * name in characters is written family name first without a space (张伟); one in letters family name first for a
 * Chinese reader (Zhang Wei) and given name first for others (Wei Zhang). A name's own {@code text} is shown as written.
 */
public final class PersonNames {

    private PersonNames() {
    }

    public static String shown(JsonNode person, Locale reader) {
        List<JsonNode> current = new ArrayList<>();
        person.path("name").forEach(name -> {
            if (!"old".equals(name.path("use").asText())) {
                current.add(name);
            }
        });
        if (current.isEmpty()) {
            return "";
        }
        boolean chinese = "zh".equals(reader.getLanguage());
        JsonNode chosen = current.stream().filter(name -> inCharacters(name) == chinese).findFirst().orElse(current.get(0));
        return written(chosen, chinese);
    }

    private static String written(JsonNode name, boolean familyFirst) {
        if (name.hasNonNull("text") && !name.get("text").asText().isBlank()) {
            return name.get("text").asText().trim();
        }
        String family = name.path("family").asText("").trim();
        List<String> given = new ArrayList<>();
        name.path("given").forEach(g -> given.add(g.asText().trim()));
        if (inCharacters(name)) {
            return family + String.join("", given);
        }
        String givenNames = String.join(" ", given);
        return (familyFirst ? family + " " + givenNames : givenNames + " " + family).trim();
    }

    private static boolean inCharacters(JsonNode name) {
        String written = name.path("text").asText("") + name.path("family").asText("") + name.path("given").toString();
        return written.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }
}
