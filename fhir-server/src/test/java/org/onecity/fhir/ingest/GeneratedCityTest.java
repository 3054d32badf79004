package org.onecity.fhir.ingest;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;
import org.onecity.common.test.CityTokens;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.onecity.fhir.support.GuideAdaptation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A realistic generated city goes in with no refusal and no duplicate: five hospitals push the histories of their
 * patients in the shape US Core / Synthea-style exporters write them (narratives, display-only and identifier-only
 * references, contained resources, Provenance, claims and explanations of benefit sharing a claim group, visits of
 * some thirty records each), adapted only as the integration guide asks; some people are patients at two hospitals.
 * Then every hospital replays everything. Each hospital's counts are in the bureau's {@code $intake-report} and on
 * {@code /actuator/prometheus}.
 */
@CityRecordTest
class GeneratedCityTest {

    static final List<String> HOSPITALS = List.of("H001", "H002", "H003", "H004", "H005");
    static final int PATIENTS_PER_HOSPITAL = 4;
    static final int VISITS_PER_PATIENT = 6;
    /** Person numbers of this test; neighbouring hospitals share one person each. */
    static final int FIRST_PERSON = 90_000;

    @Autowired
    CityRecordClient city;
    @Autowired
    JdbcTemplate jdbc;

    record Push(String hospital, Bundle bundle) {
    }

    record Outcome(List<String> locations, List<String> statuses, List<String> refusals) {
    }

    @Test
    void fiveHospitalsPushAGeneratedCityAndReplayItWithNoRefusalAndNoDuplicate() throws Exception {
        List<Push> pushes = city();
        int resources = pushes.stream().mapToInt(p -> p.bundle().getEntry().size()).sum();
        Map<String, Long> reportBefore = reportedCounts();
        long rowsBefore = storedRowsOtherThanPatients();

        long start = System.nanoTime();
        Outcome first = pushAll(pushes);
        long pushMillis = (System.nanoTime() - start) / 1_000_000;
        long rowsAfterPush = storedRowsOtherThanPatients();
        long versionsAfterPush = versionsOf(first.locations());

        start = System.nanoTime();
        Outcome replay = pushAll(pushes);
        long replayMillis = (System.nanoTime() - start) / 1_000_000;

        System.out.printf("Generated city: %d hospitals, %d pushes, %d resources of %d types; push %d ms, replay %d ms%n",
                HOSPITALS.size(), pushes.size(), resources, types(pushes), pushMillis, replayMillis);
        assertThat(first.refusals()).as("refusals of the first push").isEmpty();
        assertThat(replay.refusals()).as("refusals of the replay").isEmpty();
        assertThat(first.locations()).hasSize(resources);
        assertThat(replay.locations()).as("the replay names the very records the push stored")
                .containsExactlyElementsOf(first.locations());
        assertThat(replay.statuses()).as("the replay creates nothing").allSatisfy(s -> assertThat(s).startsWith("200"));
        assertThat(storedRowsOtherThanPatients()).as("no duplicate stored").isEqualTo(rowsAfterPush);
        assertThat(versionsOf(first.locations())).as("no new version of anything").isEqualTo(versionsAfterPush);
        assertThat(rowsAfterPush - rowsBefore).as("each record stored once, directories shared")
                .isLessThanOrEqualTo(resources);

        Map<String, Long> reportAfter = reportedCounts();
        for (String hospital : HOSPITALS) {
            int pushed = pushes.stream().filter(p -> p.hospital().equals(hospital)).mapToInt(p -> p.bundle().getEntry().size()).sum();
            assertThat(reportAfter.getOrDefault(hospital + " accepted accepted", 0L) - reportBefore.getOrDefault(hospital + " accepted accepted", 0L))
                    .as(hospital + " accepted, push and replay").isEqualTo(2L * pushed);
            assertThat(refused(reportAfter, hospital)).as(hospital + " refused").isEqualTo(refused(reportBefore, hospital));
        }
        String scrape = city.send(HttpRequest.newBuilder(URI.create(city.baseUrl().replace("/fhir", "/actuator/prometheus")))
                .header("Authorization", "Bearer " + CityTokens.admin())).body();
        for (String hospital : HOSPITALS) {
            assertThat(scrape).contains("onecity_ingest_resources_total{hospital=\"" + hospital
                    + "\",outcome=\"accepted\",reason=\"accepted\",status=\"201\"}");
        }
    }

    @Test
    void theIntakeReportIsTheBureausAlone() {
        assertThatThrownBy(() -> report(city.hospital("H001"))).isInstanceOf(ForbiddenOperationException.class);
        assertThatThrownBy(() -> report(city.doctor("dr.wang"))).isInstanceOf(ForbiddenOperationException.class);
        assertThat(report(city.admin()).getParameter()).allSatisfy(p -> assertThat(p.getName()).isEqualTo("hospital"));
    }

    /** Each hospital's directory, then each of its patients' histories; hospital i also sees person i+1's neighbour. */
    static List<Push> city() {
        List<Push> pushes = new ArrayList<>();
        for (int h = 0; h < HOSPITALS.size(); h++) {
            String hospital = HOSPITALS.get(h);
            pushes.add(new Push(hospital, GuideAdaptation.directory(hospital)));
            for (int p = 0; p < PATIENTS_PER_HOSPITAL; p++) {
                int person = FIRST_PERSON + h * (PATIENTS_PER_HOSPITAL - 1) + p;
                pushes.add(new Push(hospital, GuideAdaptation.history(hospital, person, VISITS_PER_PATIENT)));
            }
        }
        return pushes;
    }

    /** Every hospital pushes its own bundles in order, the five at the same time, as their engines would. */
    private Outcome pushAll(List<Push> pushes) throws Exception {
        Map<Integer, Bundle> responses = new ConcurrentHashMap<>();
        List<String> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService engines = Executors.newFixedThreadPool(HOSPITALS.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (String hospital : HOSPITALS) {
                running.add(engines.submit(() -> {
                    IGenericClient client = city.hospital(hospital);
                    for (int i = 0; i < pushes.size(); i++) {
                        Push push = pushes.get(i);
                        if (!push.hospital().equals(hospital)) {
                            continue;
                        }
                        try {
                            responses.put(i, client.transaction().withBundle(push.bundle().copy()).execute());
                        } catch (BaseServerResponseException e) {
                            refusals.add(hospital + " push " + i + ": " + e.getStatusCode() + " " + e.getMessage());
                        }
                    }
                }));
            }
            for (Future<?> push : running) {
                push.get();
            }
        } finally {
            engines.shutdownNow();
        }
        List<String> locations = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        new TreeMap<>(responses).values().forEach(response -> response.getEntry().forEach(e -> {
            locations.add(new IdType(e.getResponse().getLocation()).toUnqualifiedVersionless().getValue());
            statuses.add(e.getResponse().getStatus());
        }));
        return new Outcome(locations, statuses, refusals);
    }

    private long storedRowsOtherThanPatients() {
        // Patients are left out: matching adds each new person's city patient in its own time
        return jdbc.queryForObject("select count(*) from hfj_resource where res_type <> 'Patient'", Long.class);
    }

    private long versionsOf(List<String> locations) {
        List<Long> ids = locations.stream().map(l -> Long.parseLong(new IdType(l).getIdPart())).distinct().toList();
        long versions = 0;
        for (int from = 0; from < ids.size(); from += 1000) {
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + 1000));
            versions += jdbc.queryForObject("select coalesce(sum(res_ver), 0) from hfj_resource where res_id in ("
                    + String.join(",", part.stream().map(String::valueOf).toList()) + ")", Long.class);
        }
        return versions;
    }

    /** The report's resources by "hospital outcome reason". */
    private Map<String, Long> reportedCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (Parameters.ParametersParameterComponent hospital : report(city.admin()).getParameter()) {
            String code = hospital.getPart().get(0).getValue().primitiveValue();
            for (Parameters.ParametersParameterComponent line : hospital.getPart().subList(1, hospital.getPart().size())) {
                counts.put(code + " " + line.getName() + " " + part(line, "reason").primitiveValue(),
                        Long.parseLong(part(line, "resources").primitiveValue()));
            }
        }
        return counts;
    }

    private static long refused(Map<String, Long> counts, String hospital) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(hospital + " rejected "))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static Type part(Parameters.ParametersParameterComponent line, String name) {
        return line.getPart().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow().getValue();
    }

    private static Parameters report(IGenericClient client) {
        return client.operation().onServer().named(IntakeReportOperation.NAME).withNoParameters(Parameters.class)
                .useHttpGet().execute();
    }

    private static long types(List<Push> pushes) {
        return pushes.stream().flatMap(p -> p.bundle().getEntry().stream()).map(e -> e.getResource().fhirType()).distinct().count();
    }
}
