package org.onecity.batch.operation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.ChunkListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * How far a running job is: items read, written, skipped over its steps (partitions included), against the items it
 * expected when it started, with the percentage done and the expected end. The same figures are logged as chunks
 * commit (at most every five seconds per job), kept as gauges ({@code onecity.batch.items.done},
 * {@code onecity.batch.percent.done} by job) and answered by the REST status.
 */
@Component
public class Progress {

    static final String EXPECTED = "onecity.expected.items";
    private static final Logger log = LoggerFactory.getLogger(Progress.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);

    private final JobExplorer explorer;
    private final Map<String, Figures> latest = new ConcurrentHashMap<>();
    private final Map<Long, Instant> lastLogged = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Set<String> managerSteps = ConcurrentHashMap.newKeySet();

    private final JobRepository repository;

    public Progress(JobExplorer explorer, JobRepository repository, MeterRegistry meters) {
        this.explorer = explorer;
        this.repository = repository;
        this.meters = meters;
    }

    /**
     * @param expected expected items of the job, or -1 when unknown
     * @param percent  0..100, or -1 when the expected count is unknown
     * @param expectedEnd when the job should be done at its pace so far, null when unknown or done
     */
    public record Figures(long read, long written, long skipped, long filtered, long expected, double percent,
                          Instant expectedEnd) {
    }

    /** Names a step that manages partitions, whose own counts repeat its partitions'. */
    void managerStep(String name) {
        managerSteps.add(name);
    }

    /** A listener that counts what the job has to do when it starts. */
    public JobExecutionListener expecting(ToLongFunction<JobParameters> count) {
        return new JobExecutionListener() {
            @Override
            public void beforeJob(JobExecution execution) {
                execution.getExecutionContext().putLong(EXPECTED, count.applyAsLong(execution.getJobParameters()));
                repository.updateExecutionContext(execution);
            }

            @Override
            public void afterJob(JobExecution execution) {
                record(execution);
                lastLogged.remove(execution.getId());
                log.info("{} #{} ended {} ({}): {}", execution.getJobInstance().getJobName(), execution.getId(),
                        execution.getStatus(), execution.getExitStatus().getExitCode(), of(execution));
            }
        };
    }

    /** Logs and records the job's progress after each chunk, at most every five seconds. */
    public ChunkListener reporting() {
        return new ChunkListener() {
            @Override
            public void afterChunk(ChunkContext context) {
                long id = context.getStepContext().getStepExecution().getJobExecutionId();
                Instant now = Instant.now();
                Instant last = lastLogged.get(id);
                if (last != null && Duration.between(last, now).compareTo(LOG_EVERY) < 0) {
                    return;
                }
                lastLogged.put(id, now);
                JobExecution execution = explorer.getJobExecution(id);
                if (execution != null) {
                    Figures figures = record(execution);
                    log.info("{} #{}: {}", execution.getJobInstance().getJobName(), id, figures);
                }
            }
        };
    }

    public Figures of(JobExecution execution) {
        long read = 0;
        long written = 0;
        long skipped = 0;
        long filtered = 0;
        for (StepExecution step : execution.getStepExecutions()) {
            // a partitioned step's manager sums its partitions when they end: count the partitions only
            if (managerSteps.contains(step.getStepName())) {
                continue;
            }
            read += step.getReadCount();
            written += step.getWriteCount();
            skipped += step.getSkipCount();
            filtered += step.getFilterCount();
        }
        long expected = execution.getExecutionContext().containsKey(EXPECTED)
                ? execution.getExecutionContext().getLong(EXPECTED) : -1;
        double percent = -1;
        Instant expectedEnd = null;
        if (execution.getStatus() == BatchStatus.COMPLETED || expected == 0) {
            percent = 100;
        } else if (expected > 0) {
            percent = Math.min(100.0, 100.0 * read / expected);
            if (read > 0 && execution.isRunning() && execution.getStartTime() != null) {
                Instant start = execution.getStartTime().atZone(ZoneId.systemDefault()).toInstant();
                Duration elapsed = Duration.between(start, Instant.now());
                expectedEnd = start.plus(Duration.ofMillis((long) (elapsed.toMillis() * (double) expected / read)));
            }
        }
        return new Figures(read, written, skipped, filtered, expected, Math.round(percent * 10) / 10.0, expectedEnd);
    }

    private Figures record(JobExecution execution) {
        Figures figures = of(execution);
        String job = execution.getJobInstance().getJobName();
        if (latest.put(job, figures) == null) {
            Gauge.builder("onecity.batch.items.done", latest, m -> m.get(job).read())
                    .tag("job", job).description("Items read by the job's latest execution").register(meters);
            Gauge.builder("onecity.batch.percent.done", latest, m -> m.get(job).percent())
                    .tag("job", job).description("Percent done of the job's latest execution").register(meters);
        }
        return figures;
    }
}
