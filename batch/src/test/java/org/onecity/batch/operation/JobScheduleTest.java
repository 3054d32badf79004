package org.onecity.batch.operation;

import org.junit.jupiter.api.Test;
import org.onecity.batch.BatchSettings;
import org.onecity.batch.settlement.InsurerSettlementJob;
import org.onecity.batch.support.BatchTest;
import org.onecity.batch.support.CityBills;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A job on a schedule runs by itself with its default parameters: the settlement settles yesterday. */
@BatchTest
class JobScheduleTest {

    @Autowired
    Jobs jobs;
    @Autowired
    BatchSettings settings;

    @Test
    void aScheduledSettlementRunsByItselfForYesterday() throws InterruptedException {
        BatchSettings everySecond = new BatchSettings(settings.zone(), settings.files(), settings.settlement(),
                settings.overdue(), settings.history(), settings.partitions(),
                Map.of(InsurerSettlementJob.NAME, "* * * * * *"));
        JobSchedule schedule = new JobSchedule(jobs, everySecond);
        schedule.start();
        try {
            String yesterday = LocalDate.now(CityBills.CITY).minusDays(1).toString();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            List<JobExecution> runs = List.of();
            while (Instant.now().isBefore(deadline) && runs.stream().noneMatch(r -> r.getStatus() == BatchStatus.COMPLETED)) {
                Thread.sleep(200);
                runs = jobs.recent(InsurerSettlementJob.NAME, 50).stream()
                        .filter(r -> yesterday.equals(String.valueOf(r.getJobParameters().getLocalDate("period"))))
                        .toList();
            }
            assertThat(runs).extracting(JobExecution::getStatus).contains(BatchStatus.COMPLETED);
        } finally {
            schedule.stop();
        }
        Thread.sleep(1_500);
        assertThat(jobs.recent(InsurerSettlementJob.NAME, 50).stream()
                .filter(r -> r.getJobParameters().getLocalDate("period").equals(LocalDate.now(CityBills.CITY).minusDays(1)))
                .count()).as("later ticks find the period settled and run nothing").isEqualTo(1);
    }
}
