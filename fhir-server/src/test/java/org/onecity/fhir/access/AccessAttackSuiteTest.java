package org.onecity.fhir.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.fhir.access.AttackFixture.Target;
import org.onecity.fhir.access.CityOracle.Person;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access rules attacked on every route to the data. Every caller (the hospital that sent a record, another
 * hospital, a doctor in care, without care and breaking the glass, the patient, another patient, the patient who
 * opted out, the member's insurer, another insurer, the bureau, and no, an expired or a foreign token) reads Zhang
 * Wei's and Li Na's records by every route: read, vread, search, every page, _include, _revinclude, _has, chains,
 * history of a record, a type and the server, $everything, $recognised-results, CDS Hooks, Binary and attachment
 * reads, _summary=count, _total=accurate, batch GET entries. Each case asserts the exact set of records seen, which
 * is what the bureau sees by the same route filtered by {@link CityOracle}, or the exact refusal. The write attacks
 * are in {@link WriteAttackSuiteTest}.
 */
@CityRecordTest
class AccessAttackSuiteTest {

    private static final String FHIR_JSON = "application/fhir+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RECORD_LINK = Pattern.compile("(Observation|DiagnosticReport|ImagingStudy)/([A-Za-z0-9\\-.]+)");

    @Autowired
    CityRecordClient city;
    AttackFixture fixture;
    private final Map<String, Answer> bureauAnswers = new HashMap<>();

    @BeforeEach
    void data() {
        fixture = AttackFixture.of(city);
    }

    /** How a route answers when nothing may be shown, and which callers it refuses outright. */
    enum Kind {
        /** one record: 404 when withheld */
        SINGLE,
        /** a Bundle of what may be shown */
        LIST,
        /** a Bundle, with the focal record required to be visible (404 otherwise) */
        FOCAL,
        /** reserved to the bureau: 403 for everyone else */
        BUREAU_ONLY,
        /** the history of a whole type or of the server: hospital systems and the bureau; judged record by record */
        WIDE_HISTORY,
        /** a count of matches: the bureau's alone (400 for everyone else, whose counts could betray records) */
        COUNT
    }

    record Call(String method, String path, String body, boolean cds) {
        static Call get(String path) {
            return new Call("GET", path, null, false);
        }

        static Call post(String path, String body) {
            return new Call("POST", path, body, false);
        }
    }

    record Route(String name, String type, Kind kind, Function<Target, Call> call, Function<Target, String> focal) {
        Route(String name, String type, Kind kind, Function<Target, Call> call) {
            this(name, type, kind, call, null);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** What a caller got: the status and every record in the answer, following next links. */
    record Answer(int status, Set<String> records, Integer total, String body) {
    }

    static Stream<Route> routes() {
        String loinc = CityIdentifiers.LOINC + "%7C718-7";
        return Stream.of(
                new Route("read", "Observation", Kind.SINGLE, t -> Call.get("/Observation/" + t.h001Observation())),
                new Route("vread", "Observation", Kind.SINGLE, t -> Call.get("/Observation/" + t.h001Observation() + "/_history/1")),
                new Route("search", "Observation", Kind.LIST, t -> Call.get("/Observation?subject=Patient/" + t.h001Patient())),
                new Route("every page of a search", "Observation", Kind.LIST,
                        t -> Call.get("/Observation?subject=Patient/" + t.h001Patient() + "&_count=1")),
                new Route("search across hospitals by the city patient", "Observation", Kind.LIST,
                        t -> Call.get("/Observation?subject=Patient/" + t.cityPatient() + "&_count=3")),
                new Route("_include", "DiagnosticReport", Kind.LIST,
                        t -> Call.get("/DiagnosticReport?subject=Patient/" + t.h001Patient() + "&_include=DiagnosticReport:result")),
                new Route("_revinclude", "Patient", Kind.LIST,
                        t -> Call.get("/Patient?_id=" + t.h001Patient() + "&_revinclude=Observation:subject")),
                new Route("_revinclude on every page", "Patient", Kind.LIST,
                        t -> Call.get("/Patient?_id=" + t.h001Patient() + "&_revinclude=Observation:subject&_count=1")),
                new Route("_has", "Patient", Kind.BUREAU_ONLY,
                        t -> Call.get("/Patient?_id=" + t.h001Patient() + "&_has:Observation:subject:code=" + loinc)),
                new Route("a chain to an identifier", "Observation", Kind.LIST,
                        t -> Call.get("/Observation?subject:Patient.identifier=" + CityIdentifiers.hospitalNamespace("H001")
                                + "mrn%7C" + t.mrn())),
                new Route("a chain testing another record", "Observation", Kind.BUREAU_ONLY,
                        t -> Call.get("/Observation?subject=Patient/" + t.h001Patient() + "&subject.family=Zhang")),
                new Route("history of a record", "Observation", Kind.FOCAL,
                        t -> Call.get("/Observation/" + t.h001Observation() + "/_history"),
                        t -> "Observation/" + t.h001Observation()),
                new Route("history of a type", "Observation", Kind.WIDE_HISTORY, t -> Call.get("/Observation/_history?_count=100")),
                new Route("history of the server", "Observation", Kind.WIDE_HISTORY, t -> Call.get("/_history?_count=100")),
                new Route("$everything", "Patient", Kind.FOCAL,
                        t -> Call.get("/Patient/" + t.h001Patient() + "/$everything?_count=500"), t -> "Patient/" + t.h001Patient()),
                new Route("$everything on every page", "Patient", Kind.FOCAL,
                        t -> Call.get("/Patient/" + t.h001Patient() + "/$everything?_count=2"), t -> "Patient/" + t.h001Patient()),
                new Route("$recognised-results", "Patient", Kind.FOCAL,
                        t -> Call.get("/Patient/" + t.cityPatient() + "/$recognised-results?code=" + loinc),
                        t -> "Patient/" + t.cityPatient()),
                new Route("CDS Hooks", "Patient", Kind.FOCAL, t -> new Call("POST", "/cds-services/"
                        + "onecity-recognised-results-order-select", cdsCall(t.cityPatient()), true),
                        t -> "Patient/" + t.cityPatient()),
                new Route("a Binary", "Binary", Kind.SINGLE, t -> Call.get("/Binary/" + t.binary())),
                new Route("an attachment by $binary-access-read", "DocumentReference", Kind.SINGLE,
                        t -> Call.get("/DocumentReference/" + t.h001Document()
                                + "/$binary-access-read?path=DocumentReference.content.attachment")),
                new Route("_summary=count", "Observation", Kind.COUNT,
                        t -> Call.get("/Observation?subject=Patient/" + t.h001Patient() + "&_summary=count")),
                new Route("_total=accurate", "Observation", Kind.COUNT,
                        t -> Call.get("/Observation?subject=Patient/" + t.h001Patient() + "&_total=accurate")),
                new Route("a batch's search entry", "Observation", Kind.LIST,
                        t -> Call.post("/", batch("GET", "Observation?subject=Patient/" + t.h001Patient()))),
                new Route("a batch's read entry", "Observation", Kind.SINGLE,
                        t -> Call.post("/", batch("GET", "Observation/" + t.h001Observation()))),
                new Route("a member's coverage", "Coverage", Kind.SINGLE, t -> Call.get("/Coverage/" + t.coverage())),
                new Route("coverage by beneficiary", "Coverage", Kind.LIST,
                        t -> Call.get("/Coverage?beneficiary=Patient/" + t.h001Patient())),
                new Route("$meta", "Observation", Kind.BUREAU_ONLY, t -> Call.get("/Observation/" + t.h001Observation() + "/$meta")));
    }

    static Stream<Arguments> readCases() {
        return routes().flatMap(route -> Stream.of(Person.ZHANG_WEI, Person.LI_NA).flatMap(person ->
                Arrays.stream(Who.values()).map(who -> Arguments.of(route, person, who))));
    }

    @ParameterizedTest(name = "{2} reads {1}''s records by {0}")
    @MethodSource("readCases")
    void eachCallerSeesExactlyWhatTheRulesAllow(Route route, Person person, Who who) {
        Target target = fixture.target(person);
        Call call = route.call().apply(target);
        Answer bureau = bureauAnswers.computeIfAbsent(route.name() + "|" + person, k -> answer(call, Who.BUREAU));
        assertThat(bureau.status()).as("the bureau reaches the records by this route: " + bureau.body()).isEqualTo(200);
        Answer answer = who == Who.BUREAU ? bureau : answer(call, who);
        if (!who.hasValidToken()) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(401);
            return;
        }
        if (refusedOutright(route, who)) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(403);
            assertThat(answer.records()).isEmpty();
            return;
        }
        if (who.isPatient() && namesAnotherPersonsRecord(call, person, who)
                && (route.kind() == Kind.LIST || route.kind() == Kind.COUNT)) {
            // a patient's searches are narrowed to their own records: naming someone else's is refused outright
            assertThat(answer.status()).as(answer.body()).isEqualTo(403);
            assertThat(answer.body()).contains("Value not permitted for parameter");
            return;
        }
        if (route.kind() == Kind.COUNT && who != Who.BUREAU) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            return;
        }
        if (route.kind() == Kind.WIDE_HISTORY) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.records()).as("every record in the history is one the caller may see")
                    .allSatisfy(r -> assertThat(visible(who, r, answer)).as(r).isTrue());
            return;
        }
        Set<String> expected = bureau.records().stream().filter(r -> visible(who, r, bureau))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        boolean focalHidden = route.kind() == Kind.FOCAL && !visible(who, route.focal().apply(target), bureau);
        if (focalHidden && route.name().equals("CDS Hooks")) {
            assertThat(answer.status()).as("no cards, as for a patient that does not exist: " + answer.body()).isEqualTo(200);
            assertThat(answer.records()).isEmpty();
            return;
        }
        if (route.kind() == Kind.SINGLE && expected.isEmpty() || focalHidden) {
            assertThat(answer.status()).as("not known, as if it did not exist: " + answer.body()).isEqualTo(404);
            return;
        }
        assertThat(answer.status()).as(answer.body() + "\n the bureau saw: " + bureau.body()).isEqualTo(200);
        assertThat(answer.records()).as("exactly the records the rules allow").containsExactlyInAnyOrderElementsOf(expected);
        if (who != Who.BUREAU && answer.total() != null) {
            assertThat(answer.total()).as("a total never counts what the caller may not see")
                    .isLessThanOrEqualTo(expected.size());
        }
        if (route.name().equals("_summary=count") && answer.total() != null) {
            long visibleMatches = countOfVisibleMatches(target, who);
            assertThat(answer.total().longValue()).isEqualTo(visibleMatches);
        }
    }

    private boolean namesAnotherPersonsRecord(Call call, Person person, Who who) {
        Person self = who == Who.PATIENT_ZHANG_WEI ? Person.ZHANG_WEI : Person.LI_NA;
        Target target = fixture.target(person);
        return person != self && (call.path().contains("=Patient/" + target.h001Patient())
                || call.path().contains("=Patient/" + target.cityPatient()) || call.path().contains("_id=" + target.h001Patient()));
    }

    private static boolean refusedOutright(Route route, Who who) {
        if (who == Who.BUREAU) {
            return false;
        }
        if (route.name().startsWith("a batch") && who.isPatient()) {
            return true;
        }
        return switch (route.kind()) {
            case BUREAU_ONLY -> true;
            case WIDE_HISTORY -> !who.isHospital();
            default -> !CityOracle.mayReadType(who, route.type());
        };
    }

    /** Records in an answer are named Type/id; who sent them is read from the bureau's copy in the same answer. */
    private boolean visible(Who who, String record, Answer seenIn) {
        String type = record.substring(0, record.indexOf('/'));
        String hospital = hospitalOf(record, seenIn.body());
        return CityOracle.maySee(who, type, hospital, fixture.personOf(record));
    }

    private long countOfVisibleMatches(Target target, Who who) {
        Answer all = answer(Call.get("/Observation?subject=Patient/" + target.h001Patient()), Who.BUREAU);
        return all.records().stream().filter(r -> visible(who, r, all)).count();
    }

    private final Map<String, String> hospitals = new HashMap<>();

    private String hospitalOf(String record, String body) {
        if (!hospitals.containsKey(record)) {
            collectHospitals(body);
        }
        if (!hospitals.containsKey(record)) {
            Answer read = answer(Call.get("/" + record), Who.BUREAU);
            collectHospitals(read.body());
        }
        return hospitals.get(record);
    }

    private void collectHospitals(String body) {
        try {
            Resource resource = (Resource) CityRecordClient.fhir().newJsonParser().parseResource(body);
            Stream<Resource> all = resource instanceof Bundle bundle ? bundle.getEntry().stream()
                    .flatMap(e -> e.getResource() instanceof Bundle nested ? nested.getEntry().stream()
                            .map(Bundle.BundleEntryComponent::getResource) : Stream.of(e.getResource()))
                    .filter(r -> r != null) : Stream.of(resource);
            all.forEach(r -> hospitals.put(r.fhirType() + "/" + r.getIdElement().getIdPart(),
                    r.getMeta().getTag(CityIdentifiers.SOURCE_HOSPITAL_TAG, "H001") != null ? "H001"
                            : r.getMeta().getTag().stream().filter(t -> CityIdentifiers.SOURCE_HOSPITAL_TAG.equals(t.getSystem()))
                            .map(t -> t.getCode()).findFirst().orElse(null)));
        } catch (RuntimeException notFhir) {
            // an attachment's bytes: nothing to learn
        }
    }

    private Answer answer(Call call, Who who) {
        return answer(call, who, call.path().contains("_history?") ? 3 : 1_000);
    }

    private Answer answer(Call call, Who who, int maxPages) {
        HttpResponse<String> response = send(call, who, call.path());
        int status = response.statusCode();
        Set<String> records = new LinkedHashSet<>();
        Integer total = null;
        String body = response.body();
        if (call.cds()) {
            if (status == 200) {
                Matcher links = RECORD_LINK.matcher(body);
                while (links.find()) {
                    records.add(links.group(1) + "/" + links.group(2));
                }
            }
            return new Answer(status, records, null, body);
        }
        if (call.path().contains("$binary-access-read")) {
            if (status == 200) {
                records.add(call.path().replaceAll("^/([A-Za-z]+)/([^/]+)/.*", "$1/$2"));
            }
            return new Answer(status, records, null, body);
        }
        if (status != 200) {
            return new Answer(status, records, null, body);
        }
        Resource resource = (Resource) CityRecordClient.fhir().newJsonParser().parseResource(body);
        if (resource instanceof Bundle bundle && bundle.getType() == Bundle.BundleType.BATCHRESPONSE) {
            Bundle.BundleEntryComponent entry = bundle.getEntryFirstRep();
            int entryStatus = Integer.parseInt(entry.getResponse().getStatus().substring(0, 3));
            if (entryStatus != 200) {
                return new Answer(entryStatus, records, null, body);
            }
            resource = entry.getResource();
        }
        StringBuilder pages = new StringBuilder(body);
        for (int pageCount = 1; ; pageCount++) {
            if (resource instanceof Bundle bundle) {
                if (bundle.hasTotal() && total == null) {
                    total = bundle.getTotal();
                }
                for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                    if (entry.getResource() != null && !"OperationOutcome".equals(entry.getResource().fhirType())) {
                        records.add(entry.getResource().fhirType() + "/" + entry.getResource().getIdElement().getIdPart());
                    }
                }
                Bundle.BundleLinkComponent next = bundle.getLink(Bundle.LINK_NEXT);
                if (next == null || pageCount >= maxPages) {
                    break;
                }
                HttpResponse<String> page = send(Call.get(next.getUrl()), who, null);
                assertThat(page.statusCode()).as("a next link answers: " + page.body()).isEqualTo(200);
                pages.append('\n').append(page.body());
                collectHospitals(page.body());
                resource = (Resource) CityRecordClient.fhir().newJsonParser().parseResource(page.body());
            } else {
                records.add(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
                break;
            }
        }
        collectHospitals(body);
        return new Answer(status, records, total, pages.toString());
    }

    private HttpResponse<String> send(Call call, Who who, String path) {
        URI uri = path == null ? URI.create(call.path())
                : call.cds() ? URI.create(city.baseUrl().replaceFirst("/fhir$", "") + path)
                : URI.create(city.baseUrl() + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", call.cds() ? "application/json" : FHIR_JSON);
        String token = who.token();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (who == Who.DOCTOR_BREAKING_GLASS) {
            request.header(AccessGate.BREAK_GLASS_HEADER, Who.BREAK_GLASS_REASON);
        }
        if ("POST".equals(call.method())) {
            request.header("Content-Type", call.cds() ? "application/json" : FHIR_JSON)
                    .POST(HttpRequest.BodyPublishers.ofString(call.body()));
        } else {
            request.GET();
        }
        return city.send(request);
    }

    private static String batch(String method, String url) {
        return """
                {"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"%s","url":"%s"}}]}"""
                .formatted(method, url);
    }

    private static String cdsCall(String patientId) {
        ObjectNode call = JSON.createObjectNode();
        call.put("hook", "order-select").put("hookInstance", "attack-suite");
        ObjectNode context = call.putObject("context");
        context.put("userId", "Practitioner/attacker").put("patientId", patientId);
        context.putArray("selections").add("ServiceRequest/draft-hb");
        context.set("draftOrders", JSON.valueToTree(Map.of("resourceType", "Bundle", "type", "collection", "entry",
                java.util.List.of(Map.of("resource", Map.of("resourceType", "ServiceRequest", "id", "draft-hb",
                        "status", "draft", "intent", "order", "subject", Map.of("reference", "Patient/" + patientId),
                        "code", Map.of("coding", java.util.List.of(Map.of("system", CityIdentifiers.LOINC, "code", "718-7")))))))));
        return call.toString();
    }
}
