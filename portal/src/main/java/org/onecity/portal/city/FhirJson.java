package org.onecity.portal.city;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Small readers of FHIR R4 JSON as the city record answers it. */
public final class FhirJson {

    public static final String SOURCE_HOSPITAL = "https://fhir.onecity.example/CodeSystem/source-hospital";
    public static final String GOLDEN_TAG = "http://hapifhir.io/fhir/NamingSystem/mdm-record-status";
    public static final String CITIZEN_ID = "https://fhir.onecity.example/sid/citizen-id";

    private FhirJson() {
    }

    public static List<JsonNode> resources(JsonNode bundle) {
        List<JsonNode> resources = new ArrayList<>();
        bundle.path("entry").forEach(entry -> {
            if (entry.has("resource")) {
                resources.add(entry.get("resource"));
            }
        });
        return resources;
    }

    public static String next(JsonNode bundle) {
        for (JsonNode link : bundle.path("link")) {
            if ("next".equals(link.path("relation").asText())) {
                return link.path("url").asText();
            }
        }
        return null;
    }

    /** The hospital code the city tagged the record with, e.g. H001. */
    public static String hospital(JsonNode resource) {
        for (JsonNode tag : resource.path("meta").path("tag")) {
            if (SOURCE_HOSPITAL.equals(tag.path("system").asText())) {
                return tag.path("code").asText();
            }
        }
        return null;
    }

    public static boolean isGolden(JsonNode resource) {
        for (JsonNode tag : resource.path("meta").path("tag")) {
            if (GOLDEN_TAG.equals(tag.path("system").asText()) && "GOLDEN_RECORD".equals(tag.path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    public static String reference(JsonNode resource) {
        return resource.path("resourceType").asText() + "/" + resource.path("id").asText();
    }

    public static String identifier(JsonNode resource, String system) {
        for (JsonNode identifier : resource.path("identifier")) {
            if (system.equals(identifier.path("system").asText())) {
                return identifier.path("value").asText();
            }
        }
        return null;
    }

    /** The text of a CodeableConcept: its text, else its first coding's display, else its code. */
    public static String text(JsonNode concept) {
        if (concept.hasNonNull("text")) {
            return concept.get("text").asText();
        }
        JsonNode coding = concept.path("coding").path(0);
        return coding.hasNonNull("display") ? coding.get("display").asText() : coding.path("code").asText(null);
    }

    public static String code(JsonNode concept, String system) {
        for (JsonNode coding : concept.path("coding")) {
            if (system.equals(coding.path("system").asText())) {
                return coding.path("code").asText();
            }
        }
        return null;
    }

    /** A FHIR date or dateTime (2024, 2024-01, 2024-01-02, or with time and zone) as an instant. */
    public static Instant instant(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.asText();
        try {
            if (text.length() > 10) {
                return OffsetDateTime.parse(text).toInstant();
            }
            String day = text.length() == 4 ? text + "-01-01" : text.length() == 7 ? text + "-01" : text;
            return LocalDate.parse(day).atStartOfDay(org.onecity.portal.locale.PortalLocales.CITY_ZONE).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The value of a Parameters part by its name, whatever its FHIR type ({@code valueString}, {@code valueInteger}...). */
    public static JsonNode partValue(JsonNode parameter, String name) {
        for (JsonNode part : parameter.path("part")) {
            if (name.equals(part.path("name").asText())) {
                var fields = part.fields();
                while (fields.hasNext()) {
                    var field = fields.next();
                    if (field.getKey().startsWith("value")) {
                        return field.getValue();
                    }
                }
            }
        }
        return MissingNode.getInstance();
    }
}
