package org.onecity.portal.bureau;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The services' answers as the bureau's pages read them. */
class BureauAnswersTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRunningJobShowsItsPercentAndExpectedEndAndKeepsThePageRefreshing() throws Exception {
        BatchJobs jobs = BatchJobs.of(json.readTree("""
                {"nightly-statements": [
                   {"id": 7, "job": "nightly-statements", "status": "STARTED", "exitCode": "UNKNOWN", "exitDescription": "",
                    "startTime": "2026-12-03T01:00:00.123Z", "endTime": null,
                    "progress": {"read": 50, "written": 49, "skipped": 1, "filtered": 0, "expected": 200,
                                 "percent": 25.5, "expectedEnd": "2026-12-03T01:30:00Z"}, "steps": []},
                   {"id": 6, "job": "nightly-statements", "status": "COMPLETED", "startTime": "2026-12-02T01:00:00Z",
                    "endTime": "2026-12-02T01:20:00Z", "progress": {"read": 10, "written": 10, "skipped": 0,
                    "expected": -1, "percent": -1, "expectedEnd": null}}],
                 "archive": []}"""));

        assertThat(jobs.anyRunning()).isTrue();
        BatchJobs.Run running = jobs.jobs().get(0).runs().get(0);
        assertThat(running.running()).isTrue();
        assertThat(running.percent()).isEqualTo(25);
        assertThat(running.expectedEnd()).isEqualTo(Instant.parse("2026-12-03T01:30:00Z"));
        BatchJobs.Run done = jobs.jobs().get(0).runs().get(1);
        assertThat(done.running()).isFalse();
        assertThat(done.percentKnown()).isFalse();
        assertThat(done.endTime()).as("the batch answers instants, shown in the person's zone")
                .isEqualTo(Instant.parse("2026-12-02T01:20:00Z"));
        assertThat(jobs.jobs().get(1).runs()).isEmpty();
    }

    @Test
    void withNothingRunningThePageStopsRefreshing() throws Exception {
        assertThat(BatchJobs.of(json.readTree("{\"a\": [{\"id\": 1, \"status\": \"FAILED\", \"progress\": {}}]}"))
                .anyRunning()).isFalse();
    }

    @Test
    void theMirrorBacklogReadsItsFiguresAndAnEmptyOutboxHasNoOldest() throws Exception {
        MirrorBacklog backlog = MirrorBacklog.of(json.readTree("""
                {"pending": 3, "oldestWaitingSince": "2026-12-03T01:00:00Z", "failing": 1,
                 "oldestFailing": [{"studyUid": "1.2.3", "hospital": "H001", "changedAt": "2026-12-03T01:00:00Z",
                                    "attempts": 4, "lastError": "HTTP 503", "nextAttemptAt": "2026-12-03T01:05:00Z"}]}"""));
        MirrorBacklog empty = MirrorBacklog.of(json.readTree(
                "{\"pending\": 0, \"oldestWaitingSince\": null, \"failing\": 0, \"oldestFailing\": []}"));

        assertThat(backlog.pending()).isEqualTo(3);
        assertThat(backlog.oldestFailing()).singleElement().satisfies(f -> {
            assertThat(f.attempts()).isEqualTo(4);
            assertThat(f.lastError()).isEqualTo("HTTP 503");
        });
        assertThat(empty.oldestWaitingSince()).isNull();
    }

    @Test
    void aPossibleMatchPairsTheCityPatientWithTheHospitalRecordItsScoreAndWhenItWasProposed() throws Exception {
        var answer = json.readTree("""
                {"resourceType": "Parameters", "parameter": [
                  {"name": "link", "part": [
                    {"name": "goldenResourceId", "valueString": "Patient/10"},
                    {"name": "sourceResourceId", "valueString": "Patient/20"},
                    {"name": "matchResult", "valueString": "POSSIBLE_MATCH"},
                    {"name": "linkSource", "valueString": "AUTO"},
                    {"name": "score", "valueDecimal": 0.75},
                    {"name": "linkCreated", "valueDecimal": 1764723600000}]},
                  {"name": "link", "part": [
                    {"name": "goldenResourceId", "valueString": "Patient/11"},
                    {"name": "sourceResourceId", "valueString": "Patient/21"},
                    {"name": "matchResult", "valueString": "MATCH"}]},
                  {"name": "total", "valueDecimal": 1}]}""");
        var patient = json.readTree("""
                {"resourceType": "Patient", "id": "20", "meta": {"tag": [
                   {"system": "https://fhir.onecity.example/CodeSystem/source-hospital", "code": "H003"}]},
                 "identifier": [{"system": "https://fhir.onecity.example/sid/h003/mrn", "value": "MRN-9"}],
                 "name": [{"family": "Zhang", "given": ["Wei"]}], "gender": "male", "birthDate": "1951-01-02"}""");

        var links = PossibleMatches.links(answer);
        var pairs = PossibleMatches.pairs(links, Map.of("Patient/20", PossibleMatches.person(patient, Locale.ENGLISH)));

        assertThat(PossibleMatches.total(answer)).isEqualTo(1);
        assertThat(pairs).singleElement().satisfies(pair -> {
            assertThat(pair.cityPatient()).isEqualTo("Patient/10");
            assertThat(pair.score()).isEqualByComparingTo(new BigDecimal("0.75"));
            assertThat(pair.proposed()).isEqualTo(Instant.ofEpochMilli(1764723600000L));
            assertThat(pair.city()).as("not read: only its reference is shown").isEmpty();
            assertThat(pair.record()).hasValueSatisfying(p -> {
                assertThat(p.name()).isEqualTo("Wei Zhang");
                assertThat(p.birthDate()).isEqualTo(LocalDate.of(1951, 1, 2));
                assertThat(p.gender()).isEqualTo("male");
                assertThat(p.hospital()).isEqualTo("H003");
                assertThat(p.recordNumber()).isEqualTo("MRN-9");
            });
        });
    }
}
