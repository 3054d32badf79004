package org.onecity.batch.operation;

import org.onecity.batch.BatchSettings;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.JobParametersInvalidException;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.launch.support.TaskExecutorJobLauncher;
import org.springframework.batch.core.repository.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.repository.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.JobRestartException;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs the batch's jobs by name with parameters given as text, the same way from REST, the schedule and the command
 * line. Dates ({@code period}, {@code date}) are city calendar days written {@code yyyy-MM-dd}; a settlement without a
 * period settles yesterday, the overdue job without a date runs for today. Launching a job whose last run with the
 * same parameters failed or was stopped restarts it where it stopped.
 */
@Service
public class Jobs {

    private static final Set<String> DATES = Set.of("period", "date");

    private final Map<String, Job> jobs = new TreeMap<>();
    private final JobExplorer explorer;
    private final Clock clock;
    private final TaskExecutorJobLauncher background = new TaskExecutorJobLauncher();
    private final TaskExecutorJobLauncher foreground = new TaskExecutorJobLauncher();

    public Jobs(List<Job> jobs, JobRepository repository, JobExplorer explorer, Clock clock) throws Exception {
        jobs.forEach(job -> this.jobs.put(job.getName(), job));
        this.explorer = explorer;
        this.clock = clock;
        background.setJobRepository(repository);
        background.setTaskExecutor(new SimpleAsyncTaskExecutor("job-"));
        background.afterPropertiesSet();
        foreground.setJobRepository(repository);
        foreground.setTaskExecutor(new SyncTaskExecutor());
        foreground.afterPropertiesSet();
    }

    public Set<String> names() {
        return jobs.keySet();
    }

    /** Starts the job in the background; answers its execution at once. */
    public JobExecution start(String name, Map<String, String> parameters) {
        return launch(background, name, parameters);
    }

    /** Runs the job to its end in the caller's thread. */
    public JobExecution run(String name, Map<String, String> parameters) {
        return launch(foreground, name, parameters);
    }

    /** Runs the job of a failed or stopped execution again with its parameters, from where it stopped. */
    public JobExecution restart(long executionId) {
        JobExecution failed = execution(executionId);
        if (failed.getStatus() == BatchStatus.COMPLETED || failed.isRunning()) {
            throw new JobRefused(409, "not-restartable", "Execution " + executionId + " is " + failed.getStatus()
                    + "; only a failed or stopped execution is restarted");
        }
        return launch(background, failed.getJobInstance().getJobName(), failed.getJobParameters());
    }

    public JobExecution execution(long executionId) {
        return Optional.ofNullable(explorer.getJobExecution(executionId)).orElseThrow(() ->
                new JobRefused(404, "unknown-execution", "No job execution " + executionId));
    }

    public List<JobExecution> recent(String name, int count) {
        job(name);
        return explorer.getJobInstances(name, 0, count).stream()
                .flatMap(instance -> explorer.getJobExecutions(instance).stream())
                .sorted((a, b) -> Long.compare(b.getId(), a.getId())).limit(count).toList();
    }

    private JobExecution launch(TaskExecutorJobLauncher launcher, String name, Map<String, String> text) {
        return launch(launcher, name, parameters(name, text));
    }

    private JobExecution launch(TaskExecutorJobLauncher launcher, String name, JobParameters parameters) {
        Job job = job(name);
        try {
            return launcher.run(job, parameters);
        } catch (JobInstanceAlreadyCompleteException e) {
            throw new JobRefused(409, "already-complete", "The " + name + " job with " + parameters
                    + " has completed already; nothing is run twice");
        } catch (JobExecutionAlreadyRunningException e) {
            throw new JobRefused(409, "already-running", "The " + name + " job with " + parameters
                    + " is running already");
        } catch (JobRestartException e) {
            throw new JobRefused(409, "not-restartable", e.getMessage());
        } catch (JobParametersInvalidException e) {
            throw new JobRefused(422, "invalid-parameters", e.getMessage());
        }
    }

    private Job job(String name) {
        Job job = jobs.get(name);
        if (job == null) {
            throw new JobRefused(404, "unknown-job", "No job " + name + "; the jobs are " + jobs.keySet());
        }
        return job;
    }

    JobParameters parameters(String name, Map<String, String> text) {
        Map<String, String> given = new TreeMap<>(text);
        LocalDate today = LocalDate.now(clock);
        if (name.equals("insurer-settlement")) {
            given.putIfAbsent("period", today.minusDays(1).toString());
        } else if (name.equals("overdue-pay-later")) {
            given.putIfAbsent("date", today.toString());
        }
        JobParametersBuilder builder = new JobParametersBuilder();
        given.forEach((key, value) -> {
            if (value == null || value.isBlank()) {
                throw new JobRefused(422, "invalid-parameters", "Parameter " + key + " has no value");
            }
            if (DATES.contains(key)) {
                try {
                    builder.addLocalDate(key, LocalDate.parse(value));
                } catch (DateTimeParseException e) {
                    throw new JobRefused(422, "invalid-parameters", "Parameter " + key + " is a date yyyy-MM-dd, not '"
                            + value + "'");
                }
            } else {
                builder.addString(key, value);
            }
        });
        return builder.toJobParameters();
    }

    /** A job request refused, with the HTTP status it is answered with and a stable problem name. */
    public static class JobRefused extends RuntimeException {
        private final int status;
        private final String problem;

        public JobRefused(int status, String problem, String detail) {
            super(detail);
            this.status = status;
            this.problem = problem;
        }

        public int status() {
            return status;
        }

        public String problem() {
            return problem;
        }
    }
}
