package org.onecity.batch.overdue;

import org.onecity.batch.BatchSettings;
import org.onecity.batch.operation.JobParameterNames;
import org.onecity.batch.operation.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * The daily follow-up of overdue pay-later bills (parameter {@code date}, the city day it runs for): reminders, then
 * suspensions after {@code onecity.batch.overdue.suspend-after}, then restorations of cards whose debt is paid. Each
 * is idempotent: running a day again sends no second reminder and suspends nothing twice.
 */
@Configuration(proxyBeanMethods = false)
public class OverduePayLaterJob {

    public static final String NAME = "overdue-pay-later";
    private static final Logger log = LoggerFactory.getLogger(OverduePayLaterJob.class);

    @Bean
    Job overduePayLater(JobRepository repository, Step followUpOverdueBills, Progress progress,
                        OverdueBills overdue) {
        return new JobBuilder(NAME, repository)
                .validator(JobParameterNames.of(Set.of("date"), Set.of("run")))
                .listener(progress.expecting(parameters -> overdue.overdue(parameters.getLocalDate("date"))))
                .start(followUpOverdueBills)
                .build();
    }

    @Bean
    Step followUpOverdueBills(JobRepository repository, PlatformTransactionManager transactions,
                              OverdueBills overdue, BatchSettings settings) {
        return new StepBuilder("follow-up-overdue-bills", repository)
                .tasklet((contribution, context) -> {
                    var step = context.getStepContext().getStepExecution();
                    LocalDate day = step.getJobParameters().getLocalDate("date");
                    Instant dayStart = day.atStartOfDay(settings.zone()).toInstant();
                    Instant remindedBy = day.minus(settings.overdue().suspendAfter()).atStartOfDay(settings.zone())
                            .toInstant();
                    long job = step.getJobExecutionId();
                    int reminded = overdue.remind(day, dayStart, job);
                    int suspended = overdue.suspend(remindedBy, dayStart, job);
                    int restored = overdue.restore(day);
                    step.setReadCount((int) overdue.overdue(day));
                    step.setWriteCount(reminded + suspended + restored);
                    String summary = reminded + " reminded, " + suspended + " cards suspended, " + restored + " restored";
                    contribution.setExitStatus(new ExitStatus("COMPLETED", summary));
                    log.info("Overdue pay-later bills on {}: {}", day, summary);
                    return RepeatStatus.FINISHED;
                }, transactions)
                .build();
    }
}
