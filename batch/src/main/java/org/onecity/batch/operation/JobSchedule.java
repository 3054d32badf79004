package org.onecity.batch.operation;

import org.onecity.batch.BatchSettings;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Runs jobs on their schedule ({@code onecity.batch.schedule.<job>}: a cron expression in the city's zone) with
 * their default parameters: the settlement of yesterday, the overdue follow-up of today. A scheduled run that finds
 * its period done already does nothing.
 */
@Component
@ConditionalOnProperty(name = "onecity.batch.scheduling", havingValue = "true", matchIfMissing = true)
public class JobSchedule {

    private static final Logger log = LoggerFactory.getLogger(JobSchedule.class);

    private final Jobs jobs;
    private final BatchSettings settings;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    public JobSchedule(Jobs jobs, BatchSettings settings) {
        this.jobs = jobs;
        this.settings = settings;
        scheduler.setThreadNamePrefix("schedule-");
        scheduler.initialize();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (settings.partitions().mode() == BatchSettings.Mode.WORKER) {
            return;
        }
        settings.schedule().forEach((job, cron) -> {
            if (!jobs.names().contains(job)) {
                throw new IllegalStateException("onecity.batch.schedule names no job: " + job);
            }
            scheduler.schedule(() -> runScheduled(job), new CronTrigger(cron, settings.zone()));
            log.info("{} runs on the schedule '{}' ({})", job, cron, settings.zone());
        });
    }

    @PreDestroy
    void stop() {
        scheduler.shutdown();
    }

    void runScheduled(String job) {
        try {
            jobs.run(job, Map.of());
        } catch (Jobs.JobRefused refused) {
            log.info("Scheduled {} not run: {}", job, refused.getMessage());
        }
    }
}
