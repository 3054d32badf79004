package org.onecity.batch.insurer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.onecity.batch.settlement.InsurerSettlementJob;
import org.onecity.batch.support.BatchTest;
import org.onecity.batch.support.CityBills;
import org.onecity.batch.support.CityClient;
import org.onecity.common.test.CityTokens;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person of an insurer (and the bureau) sees of the batch: the settlement runs with their progress, its own
 * reconciliations, its settlements per day and hospital; and nobody else sees them, on any of the insurer's routes.
 */
@BatchTest
class InsurerViewTest {

    static final LocalDate DAY = LocalDate.of(2026, 4, 14);

    @Autowired
    CityClient city;
    @Autowired
    CityBills bills;

    @Test
    void aPersonOfTheInsurerSeesTheRunsWithProgressAndItsSettlementsPerHospital() {
        bills.seed(9, DAY, List.of("H001", "H002", "H003"));
        JsonNode run = city.runJob(InsurerSettlementJob.NAME, Map.of("period", DAY.toString()));
        String person = CityTokens.staff("wu.jing");

        CityClient.Answer runs = city.batch("GET", "/batch/insurers/CITY-FUND/runs", person, null);
        assertThat(runs.status()).as(runs.body().toString()).isEqualTo(200);
        JsonNode seen = find(runs.body(), run.path("id").asLong());
        assertThat(seen.path("job").asText()).isEqualTo(InsurerSettlementJob.NAME);
        assertThat(seen.path("period").asText()).isEqualTo(DAY.toString());
        assertThat(seen.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(seen.path("percent").asDouble()).isEqualTo(100.0);
        assertThat(seen.has("read")).as("no counts of other insurers' claims").isFalse();

        CityClient.Answer days = city.batch("GET", "/batch/insurers/CITY-FUND/settlements?days=3&until=" + DAY.plusDays(1),
                person, null);
        assertThat(days.status()).as(days.body().toString()).isEqualTo(200);
        JsonNode day = days.body().get(0);
        assertThat(day.path("period").asText()).isEqualTo(DAY.toString());
        assertThat(day.path("files").asBoolean()).isTrue();
        assertThat(day.path("reconciled").asBoolean()).isFalse();
        assertThat(day.path("hospitals")).hasSize(3);
        long settlements = 0;
        for (JsonNode hospital : day.path("hospitals")) {
            assertThat(hospital.path("hospital").asText()).isIn("H001", "H002", "H003");
            assertThat(hospital.path("fundFen").asLong()).isEqualTo(7000L * hospital.path("settlements").asLong());
            settlements += hospital.path("settlements").asLong();
        }
        assertThat(settlements).as("at least the seeded bills of the day").isGreaterThanOrEqualTo(9);

        assertThat(city.batch("GET", "/batch/insurers/CITY-FUND/" + DAY + "/settlement/totals.tsv", person, null)
                .status()).as("the person downloads the insurer's files").isEqualTo(200);
        assertThat(city.batch("GET", "/batch/insurers/CITY-FUND/runs", CityTokens.staff("liu.yang"), null).status())
                .as("the bureau sees every insurer's").isEqualTo(200);
    }

    @Test
    void nobodyElseSeesTheInsurersRunsOrSettlements() {
        for (String route : List.of("/batch/insurers/CITY-FUND/runs", "/batch/insurers/CITY-FUND/settlements")) {
            assertThat(city.batch("GET", route, null, null).status()).as(route + " without a token").isEqualTo(401);
            assertThat(city.batch("GET", route, CityTokens.hospital("H002"), null).status()).as(route).isEqualTo(403);
            assertThat(city.batch("GET", route, CityTokens.doctor("dr.chen"), null).status()).as(route).isEqualTo(403);
            assertThat(city.batch("GET", route, CityTokens.patient("zhang.wei"), null).status()).as(route)
                    .isEqualTo(403);
            assertThat(city.batch("GET", route, CityTokens.system("insurer-harbour-health"), null).status())
                    .as(route + " by another insurer").isEqualTo(403);
        }
        assertThat(city.batch("GET", "/batch/insurers/HARBOUR-HEALTH/runs", CityTokens.staff("wu.jing"), null).status())
                .as("a City Fund person does not see another insurer's").isEqualTo(403);
        assertThat(city.batch("GET", "/batch/jobs", CityTokens.staff("wu.jing"), null).status())
                .as("nor the bureau's view of every job").isEqualTo(403);
        assertThat(city.batch("GET", "/batch/insurers/CITY-FUND/settlements?days=400", CityTokens.staff("wu.jing"),
                null).status()).isEqualTo(400);
    }

    private static JsonNode find(JsonNode runs, long id) {
        for (JsonNode run : runs) {
            if (run.path("id").asLong() == id) {
                return run;
            }
        }
        throw new AssertionError("Run " + id + " is not among " + runs);
    }
}
