package org.onecity.portal.bureau;

import com.fasterxml.jackson.databind.JsonNode;
import org.onecity.portal.city.FhirJson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The imaging service's outbox into the city record, as {@code GET /mirror/outbox} answers it. */
public record MirrorBacklog(int pending, Instant oldestWaitingSince, int failing, List<Failing> oldestFailing) {

    public record Failing(String studyUid, String hospital, Instant changedAt, int attempts, String lastError,
                          Instant nextAttemptAt) {
    }

    public static MirrorBacklog of(JsonNode answer) {
        List<Failing> failing = new ArrayList<>();
        for (JsonNode entry : answer.path("oldestFailing")) {
            failing.add(new Failing(entry.path("studyUid").asText(), entry.path("hospital").asText(),
                    FhirJson.instant(entry.path("changedAt")), entry.path("attempts").asInt(),
                    entry.path("lastError").asText(""), FhirJson.instant(entry.path("nextAttemptAt"))));
        }
        return new MirrorBacklog(answer.path("pending").asInt(), FhirJson.instant(answer.path("oldestWaitingSince")),
                answer.path("failing").asInt(), List.copyOf(failing));
    }
}
