package org.onecity.portal.bureau;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeReportTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

    @Test
    void eachDayOfTheWindowHasItsAcceptedAndRefusedResourcesAndQuietDaysCountZero() throws Exception {
        IntakeReport report = IntakeReport.of(report(), TODAY, 3);

        assertThat(report.first()).isEqualTo(LocalDate.of(2026, 12, 1));
        IntakeReport.Hospital h001 = report.hospitals().get(0);
        assertThat(h001.code()).isEqualTo("H001");
        assertThat(h001.days()).containsExactly(
                new IntakeReport.Day(LocalDate.of(2026, 12, 1), 10, 0),
                new IntakeReport.Day(LocalDate.of(2026, 12, 2), 0, 0),
                new IntakeReport.Day(TODAY, 7, 6));
        assertThat(h001.accepted()).isEqualTo(17);
        assertThat(h001.refused()).isEqualTo(6);
    }

    @Test
    void theTopReasonsComeMostResourcesFirstAndLinesOutsideTheWindowAreLeftOut() throws Exception {
        IntakeReport.Hospital h001 = IntakeReport.of(report(), TODAY, 3).hospitals().get(0);

        assertThat(h001.topReasons()).containsExactly(new IntakeReport.Reason("invalid", 4),
                new IntakeReport.Reason("forbidden", 2));
        assertThat(h001.otherRefused()).isZero();
    }

    @Test
    void reasonsBeyondTheTopFiveAreAddedUpAsOther() throws Exception {
        StringBuilder lines = new StringBuilder();
        String[] reasons = {"invalid", "structure", "forbidden", "not-found", "conflict", "too-long", "transient"};
        for (int i = 0; i < reasons.length; i++) {
            lines.append(i == 0 ? "" : ",").append(line("rejected", reasons[i], "2026-12-03", 10 - i));
        }
        JsonNode json = new ObjectMapper().readTree("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"hospital\","
                + "\"part\":[{\"name\":\"code\",\"valueString\":\"H002\"}," + lines + "]}]}");

        IntakeReport.Hospital h002 = IntakeReport.of(json, TODAY, 7).hospitals().get(0);

        assertThat(h002.topReasons()).extracting(IntakeReport.Reason::code)
                .containsExactly("invalid", "structure", "forbidden", "not-found", "conflict");
        assertThat(h002.otherRefused()).isEqualTo(5 + 4);
    }

    private static JsonNode report() throws Exception {
        return new ObjectMapper().readTree("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"hospital\","
                + "\"part\":[{\"name\":\"code\",\"valueString\":\"H001\"},"
                + line("accepted", "accepted", "2026-11-20", 99) + ","
                + line("rejected", "exception", "2026-11-20", 99) + ","
                + line("accepted", "accepted", "2026-12-01", 10) + ","
                + line("accepted", "accepted", "2026-12-03", 7) + ","
                + line("rejected", "forbidden", "2026-12-03", 2) + ","
                + line("rejected", "invalid", "2026-12-03", 4) + "]}]}");
    }

    private static String line(String outcome, String reason, String day, int resources) {
        return "{\"name\":\"" + outcome + "\",\"part\":[{\"name\":\"day\",\"valueDate\":\"" + day + "\"},"
                + "{\"name\":\"reason\",\"valueCode\":\"" + reason + "\"},"
                + "{\"name\":\"resources\",\"valueInteger\":" + resources + "},"
                + "{\"name\":\"pushes\",\"valueInteger\":1},"
                + "{\"name\":\"lastPush\",\"valueInstant\":\"" + day + "T01:00:00Z\"}]}";
    }
}
