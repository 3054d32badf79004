package org.onecity.portal.bureau;

import com.fasterxml.jackson.databind.JsonNode;
import org.onecity.portal.city.FhirJson;
import org.onecity.portal.city.PersonNames;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The city patients awaiting review of a possible match: each pair of a city patient (MDM's golden record) and the
 * hospital's record matching proposed, read from {@code $mdm-query-links?matchResult=POSSIBLE_MATCH}.
 */
public final class PossibleMatches {

    /** Fifty pairs are a day's review; the page says when there are more. */
    public static final int MOST = 50;

    /** One side of a pair, as its Patient record says. */
    public record Person(String reference, String name, LocalDate birthDate, String gender, String hospital,
                         String recordNumber) {
    }

    /**
     * @param score    MDM's score of the match, when the rule that proposed it gives one
     * @param proposed when the link was made
     */
    public record Pair(String cityPatient, String hospitalRecord, BigDecimal score, Instant proposed, String linkSource,
                       Optional<Person> city, Optional<Person> record) {
    }

    /** A proposed link as MDM lists it, before its records are read. */
    public record Link(String cityPatient, String hospitalRecord, BigDecimal score, Instant proposed,
                       String linkSource) {
    }

    private PossibleMatches() {
    }

    /** The POSSIBLE_MATCH links of the operation's answer, the longest-waiting first. */
    public static List<Link> links(JsonNode parameters) {
        List<Link> links = new ArrayList<>();
        for (JsonNode link : parameters.path("parameter")) {
            if (!"link".equals(link.path("name").asText())
                    || !"POSSIBLE_MATCH".equals(FhirJson.partValue(link, "matchResult").asText())) {
                continue;
            }
            JsonNode score = FhirJson.partValue(link, "score");
            links.add(new Link(patient(FhirJson.partValue(link, "goldenResourceId").asText()),
                    patient(FhirJson.partValue(link, "sourceResourceId").asText()),
                    score.isMissingNode() || !score.isNumber() ? null : score.decimalValue(),
                    time(FhirJson.partValue(link, "linkCreated")), FhirJson.partValue(link, "linkSource").asText(null)));
        }
        links.sort(Comparator.comparing(Link::proposed, Comparator.nullsLast(Comparator.naturalOrder())));
        return links;
    }

    /** MDM names a record as {@code Patient/123} or by its id alone. */
    private static String patient(String id) {
        return id.contains("/") ? id : "Patient/" + id;
    }

    /** The number of links the operation found in all, when it says. */
    public static long total(JsonNode parameters) {
        for (JsonNode parameter : parameters.path("parameter")) {
            if ("total".equals(parameter.path("name").asText())) {
                return parameter.path("valueDecimal").asLong(parameter.path("valueInteger").asLong());
            }
        }
        return -1;
    }

    /** A Patient resource's side of a pair. */
    public static Person person(JsonNode patient, Locale reader) {
        String birth = patient.path("birthDate").asText(null);
        String hospital = FhirJson.hospital(patient);
        String recordNumber = null;
        for (JsonNode identifier : patient.path("identifier")) {
            String system = identifier.path("system").asText();
            if (!system.equals(FhirJson.CITIZEN_ID) && system.contains("/mrn")) {
                recordNumber = identifier.path("value").asText();
            }
        }
        return new Person(FhirJson.reference(patient), PersonNames.shown(patient, reader),
                birth == null || birth.length() != 10 ? null : LocalDate.parse(birth),
                patient.path("gender").asText(null), hospital, recordNumber);
    }

    /** The pairs with the records read, {@code patients} by reference. */
    public static List<Pair> pairs(List<Link> links, Map<String, Person> patients) {
        return links.stream().map(l -> new Pair(l.cityPatient(), l.hospitalRecord(), l.score(), l.proposed(),
                l.linkSource(), Optional.ofNullable(patients.get(l.cityPatient())),
                Optional.ofNullable(patients.get(l.hospitalRecord())))).toList();
    }

    /** MDM gives the link's time as milliseconds since the epoch (a decimal), or as a date-time. */
    private static Instant time(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return Instant.ofEpochMilli(value.longValue());
        }
        return FhirJson.instant(value);
    }

}
