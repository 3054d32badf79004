package org.onecity.batch.operation;

import org.onecity.batch.BatchSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.time.LocalDateTime;

/**
 * When the batch service starts, executions the repository still shows running were running in a process that is
 * gone (killed, crashed, the machine lost): they are marked failed, so that they can be restarted from their last
 * committed chunk. Only the service that runs the jobs does this (not the command line, not a worker), and in
 * manager mode a partition is left to the worker that holds it.
 */
@Component
@ConditionalOnProperty(name = "onecity.batch.recover-stale-executions", havingValue = "true", matchIfMissing = true)
public class StaleExecutions implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StaleExecutions.class);

    private final JobExplorer explorer;
    private final JobRepository repository;
    private final Jobs jobs;
    private final BatchSettings settings;

    public StaleExecutions(JobExplorer explorer, JobRepository repository, Jobs jobs, BatchSettings settings) {
        this.explorer = explorer;
        this.repository = repository;
        this.jobs = jobs;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (settings.partitions().mode() == BatchSettings.Mode.WORKER) {
            return;
        }
        for (String job : jobs.names()) {
            for (JobExecution execution : explorer.findRunningJobExecutions(job)) {
                fail(execution);
            }
        }
    }

    private void fail(JobExecution execution) {
        LocalDateTime now = LocalDateTime.now();
        ExitStatus lost = new ExitStatus("FAILED", "The process running it stopped before it ended; restart it to "
                + "go on from its last committed chunk");
        for (StepExecution step : execution.getStepExecutions()) {
            boolean partition = step.getStepName().contains(":");
            if (step.getStatus().isRunning() && !(partition && settings.partitions().mode() == BatchSettings.Mode.MANAGER)) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(lost);
                step.setEndTime(now);
                repository.update(step);
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(lost);
        execution.setEndTime(now);
        repository.update(execution);
        log.warn("{} #{} was left running by a stopped process; marked failed, to be restarted",
                execution.getJobInstance().getJobName(), execution.getId());
    }
}
