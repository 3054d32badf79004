package org.onecity.portal.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import org.onecity.portal.city.CityServices;
import org.onecity.portal.city.FhirJson;
import org.onecity.portal.city.FhirPages;
import org.onecity.portal.city.PersonNames;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The city record read as a person: patients, their timeline and their results' trends, from FHIR JSON. */
@Component
public class CityRecord {

    /** Enough for the heaviest history the city holds; the page says when a timeline was cut short. */
    static final int MOST_ITEMS = 5_000;
    /** Records read for the timeline's first screen: one quick page (the server answers 100 in about 65 ms). */
    static final int FIRST_SCREEN = 100;
    private static final String LOINC = "http://loinc.org";

    private final CityServices services;

    CityRecord(CityServices services) {
        this.services = services;
    }

    /** Patients by citizen ID (18 characters) or by name; the city patient stands for its linked hospital records. */
    public List<PatientMatch> find(String query, String breakGlassReason) {
        String q = query.trim();
        String search = q.matches("\\d{17}[\\dXx]")
                ? "/Patient?identifier=" + encode(FhirJson.CITIZEN_ID + "|" + q.toUpperCase())
                : "/Patient?name=" + encode(q);
        List<JsonNode> found = FhirJson.resources(services.fhir(search + "&_count=50", breakGlassReason));
        Map<String, List<JsonNode>> byPerson = new LinkedHashMap<>();
        for (JsonNode patient : found) {
            String person = Optional.ofNullable(FhirJson.identifier(patient, FhirJson.CITIZEN_ID))
                    .orElse(FhirJson.reference(patient));
            byPerson.computeIfAbsent(person, k -> new ArrayList<>()).add(patient);
        }
        List<PatientMatch> matches = new ArrayList<>();
        byPerson.values().forEach(records -> {
            Optional<JsonNode> golden = records.stream().filter(FhirJson::isGolden).findFirst();
            List<String> hospitals = records.stream().map(FhirJson::hospital).filter(h -> h != null).distinct().sorted().toList();
            JsonNode shown = golden.orElse(records.get(0));
            matches.add(new PatientMatch(shown.path("id").asText(), PersonNames.shown(shown, LocaleContextHolder.getLocale()),
                    shown.path("birthDate").asText(""), FhirJson.identifier(shown, FhirJson.CITIZEN_ID), hospitals,
                    golden.isPresent()));
        });
        return matches;
    }

    public JsonNode patient(String id, String breakGlassReason) {
        return services.fhir("/Patient/" + id, breakGlassReason);
    }

    /**
     * Everything of the person at every hospital: the city patient's $everything (a hospital record's with _mdm), its
     * later pages read side by side, not one after another.
     */
    public TimelinePage timeline(String patientId, String breakGlassReason) {
        List<TimelineItem> items = new ArrayList<>();
        Consumer<JsonNode> collect = page -> FhirJson.resources(page).forEach(resource -> item(resource).ifPresent(items::add));
        boolean complete = FhirPages.readSideBySide(link -> services.fhir(link, breakGlassReason),
                links -> services.fhirPages(links, breakGlassReason), everything(patientId, 500), collect,
                () -> items.size() >= MOST_ITEMS) && items.size() <= MOST_ITEMS;
        return new TimelinePage(Timeline.of(items.size() > MOST_ITEMS ? items.subList(0, MOST_ITEMS) : items), complete);
    }

    /**
     * The timeline's first screen, at once: what the first page of $everything holds, and whether more follows (the
     * page then loads the whole timeline after it, or offers it as a link).
     */
    public FirstScreen firstScreen(String patientId, String breakGlassReason) {
        JsonNode first = services.fhir(everything(patientId, FIRST_SCREEN), breakGlassReason);
        List<TimelineItem> items = new ArrayList<>();
        FhirJson.resources(first).forEach(resource -> item(resource).ifPresent(items::add));
        return new FirstScreen(Timeline.of(items), FhirJson.next(first) != null);
    }

    /** The first screen of a timeline, and whether the person's history holds more than it shows. */
    public record FirstScreen(Timeline timeline, boolean more) {
    }

    private static String everything(String patientId, int pageSize) {
        return "/Patient/" + patientId + "/$everything?_mdm=true&_count=" + pageSize;
    }

    /** The timeline and whether it holds everything. */
    public record TimelinePage(Timeline timeline, boolean complete) {
    }

    /**
     * A signed-in patient's own records: the city record narrows a patient's searches to their records. The five
     * searches' first pages are asked side by side; a search with more pages is then read on to its end.
     */
    public TimelinePage ownTimeline() {
        List<TimelineItem> items = new ArrayList<>();
        Consumer<JsonNode> collect = page -> FhirJson.resources(page).forEach(resource -> item(resource).ifPresent(items::add));
        List<String> searches = Stream.of("Encounter", "DiagnosticReport", "Observation", "DocumentReference", "ImagingStudy")
                .map(type -> "/" + type + "?_count=200").toList();
        boolean complete = true;
        for (JsonNode first : services.fhirPages(searches, null)) {
            collect.accept(first);
            String next = FhirJson.next(first);
            if (next != null) {
                complete &= FhirPages.read(link -> services.fhir(link, null), next, collect,
                        () -> items.size() >= MOST_ITEMS, FhirPages.MOST_PAGES - 1);
            }
        }
        return new TimelinePage(Timeline.of(items), complete);
    }

    /**
     * Whether the study is one of the patient's as the city record answers (a search naming the city patient spans
     * every hospital): a break-glass reason for one patient must not open another patient's images.
     */
    public boolean hasStudy(String patientId, String studyUid, String breakGlassReason) {
        List<String> studies = new ArrayList<>();
        FhirPages.read(link -> services.fhir(link, breakGlassReason),
                "/ImagingStudy?patient=Patient/" + patientId + "&_count=200",
                page -> FhirJson.resources(page).forEach(study -> studies.add(studyUid(study))),
                () -> studies.contains(studyUid));
        return studies.contains(studyUid);
    }

    /** The test's results of the city patient at every hospital, oldest first. */
    public Trend trend(String patientId, String loinc, String breakGlassReason) {
        List<TrendPoint> points = new ArrayList<>();
        String title = loinc;
        String unit = null;
        Optional<ReferenceRange> range = Optional.empty();
        // a search naming the city patient spans every hospital linked to it
        List<JsonNode> observations = new ArrayList<>();
        boolean complete = FhirPages.read(link -> services.fhir(link, breakGlassReason),
                "/Observation?patient=Patient/" + patientId + "&code=" + encode(LOINC + "|" + loinc) + "&_sort=date&_count=200",
                page -> observations.addAll(FhirJson.resources(page)), () -> false);
        for (JsonNode observation : observations) {
            if (!"Observation".equals(observation.path("resourceType").asText())
                    || !observation.path("valueQuantity").has("value")) {
                continue;
            }
            JsonNode quantity = observation.get("valueQuantity");
            title = Optional.ofNullable(FhirJson.text(observation.path("code"))).orElse(title);
            unit = quantity.path("unit").asText(quantity.path("code").asText(null));
            points.add(new TrendPoint(effective(observation), new BigDecimal(quantity.get("value").asText()), unit,
                    FhirJson.hospital(observation)));
            if (range.isEmpty()) {
                range = ownRange(observation);
            }
        }
        points.removeIf(p -> p.when() == null);
        points.sort(Comparator.comparing(TrendPoint::when));
        return new Trend(loinc, title, unit, points, range.or(() -> ReferenceRange.typicalFor(loinc)), complete);
    }

    private static Optional<ReferenceRange> ownRange(JsonNode observation) {
        JsonNode range = observation.path("referenceRange").path(0);
        if (range.isMissingNode() || (!range.has("low") && !range.has("high"))) {
            return Optional.empty();
        }
        return Optional.of(new ReferenceRange(decimal(range.path("low").path("value")),
                decimal(range.path("high").path("value")), false));
    }

    private static BigDecimal decimal(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? null : new BigDecimal(value.asText());
    }

    private static java.time.Instant effective(JsonNode resource) {
        if (resource.has("effectiveDateTime")) {
            return FhirJson.instant(resource.get("effectiveDateTime"));
        }
        if (resource.has("effectivePeriod")) {
            return FhirJson.instant(resource.path("effectivePeriod").path("start"));
        }
        return FhirJson.instant(resource.path("issued"));
    }

    /** The timeline's view of a record; other kinds of record (the Patient, charges, orders) are not on it. */
    static Optional<TimelineItem> item(JsonNode r) {
        String hospital = FhirJson.hospital(r);
        String reference = FhirJson.reference(r);
        return switch (r.path("resourceType").asText()) {
            case "Encounter" -> Optional.of(new TimelineItem(TimelineItem.Kind.ENCOUNTER,
                    FhirJson.instant(r.path("period").path("start")),
                    Optional.ofNullable(FhirJson.text(r.path("type").path(0))).orElse(r.path("class").path("display").asText(
                            r.path("class").path("code").asText("Encounter"))),
                    r.path("status").asText(""), hospital, reference, null, null));
            case "DiagnosticReport" -> Optional.of(new TimelineItem(TimelineItem.Kind.REPORT, effective(r),
                    FhirJson.text(r.path("code")), r.path("conclusion").asText(r.path("status").asText("")), hospital,
                    reference, null, null));
            case "Observation" -> Optional.of(new TimelineItem(TimelineItem.Kind.RESULT, effective(r),
                    FhirJson.text(r.path("code")), value(r), hospital, reference, FhirJson.code(r.path("code"), LOINC), null));
            case "DocumentReference" -> Optional.of(new TimelineItem(TimelineItem.Kind.DOCUMENT,
                    FhirJson.instant(r.path("date")),
                    Optional.ofNullable(FhirJson.text(r.path("type"))).orElse(r.path("description").asText("Document")),
                    r.path("description").asText(""), hospital, reference, null, null));
            case "ImagingStudy" -> Optional.of(new TimelineItem(TimelineItem.Kind.IMAGING,
                    FhirJson.instant(r.path("started")),
                    r.path("description").asText(Optional.ofNullable(FhirJson.text(r.path("procedureCode").path(0)))
                            .orElse("Imaging study")),
                    r.path("numberOfSeries").asText("?") + " series, " + r.path("numberOfInstances").asText("?") + " images",
                    hospital, reference, null, studyUid(r)));
            default -> Optional.empty();
        };
    }

    private static String value(JsonNode observation) {
        JsonNode quantity = observation.path("valueQuantity");
        if (quantity.has("value")) {
            return quantity.get("value").asText() + " " + quantity.path("unit").asText("");
        }
        if (observation.has("valueString")) {
            return observation.get("valueString").asText();
        }
        return Optional.ofNullable(FhirJson.text(observation.path("valueCodeableConcept"))).orElse("");
    }

    private static String studyUid(JsonNode study) {
        for (JsonNode identifier : study.path("identifier")) {
            if ("urn:dicom:uid".equals(identifier.path("system").asText())) {
                return identifier.path("value").asText().replaceFirst("^urn:oid:", "");
            }
        }
        return null;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
