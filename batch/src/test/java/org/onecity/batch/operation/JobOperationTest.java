package org.onecity.batch.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.onecity.batch.settlement.InsurerSettlementJob;
import org.onecity.batch.support.BatchTest;
import org.onecity.batch.support.CityClient;
import org.onecity.common.test.CityTokens;
import org.springframework.beans.factory.annotation.Autowired;

import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.JobParameters;

import java.time.LocalDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Running and watching jobs over HTTP: only the bureau, with clear refusals for bad requests. */
@BatchTest
class JobOperationTest {

    @Autowired
    CityClient city;

    @Autowired
    JobsController jobs;

    @Autowired
    ObjectMapper json;

    @Test
    void onlyTheBureauRunsOrWatchesJobs() {
        String path = "/batch/jobs/" + InsurerSettlementJob.NAME + "/executions";
        assertThat(city.batch("POST", path, null, Map.of()).status()).isEqualTo(401);
        assertThat(city.batch("POST", path, CityTokens.hospital("H001"), Map.of()).status()).isEqualTo(403);
        assertThat(city.batch("POST", path, CityTokens.insurer(), Map.of()).status()).isEqualTo(403);
        assertThat(city.batch("GET", "/batch/jobs", CityTokens.insurer(), null).status()).isEqualTo(403);
        assertThat(city.batch("GET", "/batch/jobs", CityTokens.admin(), null).status()).isEqualTo(200);
    }

    @Test
    void badJobRequestsAreRefusedWithAProblemAndStartNothing() {
        CityClient.Answer unknown = city.batch("POST", "/batch/jobs/no-such-job/executions", CityTokens.admin(), Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("type")).endsWith("/unknown-job");
        CityClient.Answer badDate = city.batch("POST", "/batch/jobs/" + InsurerSettlementJob.NAME + "/executions",
                CityTokens.admin(), Map.of("period", "yesterday"));
        assertThat(badDate.status()).isEqualTo(422);
        assertThat(badDate.text("detail")).contains("yyyy-MM-dd");
        CityClient.Answer unknownParameter = city.batch("POST", "/batch/jobs/" + InsurerSettlementJob.NAME
                + "/executions", CityTokens.admin(), Map.of("period", "2026-01-01", "hospital", "H001"));
        assertThat(unknownParameter.status()).isEqualTo(422);
        assertThat(city.batch("GET", "/batch/executions/999999", CityTokens.admin(), null).status()).isEqualTo(404);
        assertThat(city.batch("POST", "/batch/jobs/" + InsurerSettlementJob.NAME + "/executions", CityTokens.admin(),
                "[not json").status()).isEqualTo(400);
    }

    @Test
    void aRunsTimesAreAnsweredAsInstantsNotAsTheBatchsLocalTime() throws Exception {
        JobExecution execution = new JobExecution(new JobInstance(1L, InsurerSettlementJob.NAME), 1L, new JobParameters());
        execution.setStartTime(LocalDateTime.of(2026, 12, 3, 1, 0, 0));

        JsonNode answer = json.readTree(json.writeValueAsString(jobs.status(execution)));

        assertThat(answer.path("startTime").asText()).as("an instant, in UTC").matches("2026-12-0[23]T\\d\\d:\\d\\d:00Z");
        assertThat(answer.path("endTime").isNull()).isTrue();
    }
}
