package org.onecity.portal.bureau;

import com.fasterxml.jackson.databind.JsonNode;
import org.onecity.portal.city.FhirJson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The batch service's jobs with their latest runs, as {@code GET /batch/jobs} answers them. */
public record BatchJobs(List<Job> jobs) {

    private static final Set<String> RUNNING = Set.of("STARTING", "STARTED", "STOPPING");

    public record Job(String name, List<Run> runs) {
    }

    /**
     * @param percent 0..100, or -1 when the job does not know how much it has to do
     * @param expectedEnd when it should be done at its pace so far; null when unknown or done
     */
    public record Run(long id, String status, String exitDescription, Instant startTime, Instant endTime,
                      long read, long written, long skipped, int percent, Instant expectedEnd) {

        public boolean running() {
            return RUNNING.contains(status);
        }

        public boolean percentKnown() {
            return percent >= 0;
        }
    }

    public static BatchJobs of(JsonNode answer) {
        List<Job> jobs = new ArrayList<>();
        answer.fields().forEachRemaining(job -> {
            List<Run> runs = new ArrayList<>();
            for (JsonNode run : job.getValue()) {
                JsonNode progress = run.path("progress");
                double percent = progress.path("percent").asDouble(-1);
                runs.add(new Run(run.path("id").asLong(), run.path("status").asText(),
                        run.path("exitDescription").asText(""), FhirJson.instant(run.path("startTime")),
                        FhirJson.instant(run.path("endTime")), progress.path("read").asLong(), progress.path("written").asLong(),
                        progress.path("skipped").asLong(), percent < 0 ? -1 : (int) Math.min(100, Math.floor(percent)),
                        FhirJson.instant(progress.path("expectedEnd"))));
            }
            jobs.add(new Job(job.getKey(), List.copyOf(runs)));
        });
        return new BatchJobs(List.copyOf(jobs));
    }

    /** Whether a run is going on, so the page keeps refreshing the figures. */
    public boolean anyRunning() {
        return jobs.stream().flatMap(j -> j.runs().stream()).anyMatch(Run::running);
    }
}
