package org.onecity.imaging.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onecity.common.test.CityTokens;
import org.onecity.imaging.support.DicomWebClient;
import org.onecity.imaging.support.ImagingTest;
import org.onecity.imaging.support.TestImages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bureau sees how far the mirror is behind: studies waiting, the oldest waiting since, the failing deliveries
 * with their last error. Nobody else sees it. (No city record is configured here, so changes stay in the outbox.)
 */
@ImagingTest
class MirrorBacklogTest {

    /** Older than anything another test can leave in the outbox, so these come first. */
    private static final Instant LONG_AGO = Instant.parse("2001-02-03T04:05:06Z");

    @Autowired
    DicomWebClient dicomWeb;
    @Autowired
    JdbcTemplate jdbc;

    private final String failing = TestImages.uid();
    private final String waiting = TestImages.uid();

    @AfterEach
    void removeTheEntries() {
        jdbc.update("delete from mirror_outbox where study_uid in (?, ?)", failing, waiting);
    }

    @Test
    void theBureauSeesThePendingStudiesTheOldestWaitingAndTheFailingOnesWithTheirLastError() {
        jdbc.update("insert into mirror_outbox (study_uid, hospital, record_system, patient_id, changed_at, attempts, "
                + "last_error) values (?, 'H001', 'urn:mrn', 'MRN-1', ?, 3, 'HTTP 503 from the city record')",
                failing, Timestamp.from(LONG_AGO));
        jdbc.update("insert into mirror_outbox (study_uid, hospital, record_system, patient_id, changed_at) "
                + "values (?, 'H002', 'urn:mrn', 'MRN-2', ?)", waiting, Timestamp.from(LONG_AGO.plusSeconds(60)));
        int pending = jdbc.queryForObject("select count(*) from mirror_outbox", Integer.class);

        var answer = dicomWeb.getJson(CityTokens.admin(), "/mirror/outbox?failing=1");

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode backlog = answer.json();
        assertThat(backlog.path("pending").asInt()).isEqualTo(pending);
        assertThat(Instant.parse(backlog.path("oldestWaitingSince").asText())).isEqualTo(LONG_AGO);
        assertThat(backlog.path("failing").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(backlog.path("oldestFailing")).as("bounded by the request").hasSize(1);
        JsonNode first = backlog.path("oldestFailing").path(0);
        assertThat(first.path("studyUid").asText()).isEqualTo(failing);
        assertThat(first.path("hospital").asText()).isEqualTo("H001");
        assertThat(first.path("attempts").asInt()).isEqualTo(3);
        assertThat(first.path("lastError").asText()).isEqualTo("HTTP 503 from the city record");
    }

    @Test
    void theBacklogAsksForAToken() {
        assertThat(dicomWeb.getJson(null, "/mirror/outbox").status()).isEqualTo(401);
    }

    @Test
    void onlyTheBureauSeesTheBacklog() {
        assertThat(dicomWeb.getJson(CityTokens.hospital("H001"), "/mirror/outbox").status()).isEqualTo(403);
        assertThat(dicomWeb.getJson(CityTokens.doctor("dr.wang"), "/mirror/outbox").status()).isEqualTo(403);
        assertThat(dicomWeb.getJson(CityTokens.person("liu.yang", "openid user/*.rs"), "/mirror/outbox").status())
                .as("the bureau's person").isEqualTo(200);
    }
}
