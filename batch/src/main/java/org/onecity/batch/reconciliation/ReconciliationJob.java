package org.onecity.batch.reconciliation;

import org.onecity.batch.operation.JobParameterNames;
import org.onecity.batch.operation.Progress;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersInvalidException;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reconciles an insurer's returned statement: parameters {@code insurer}, {@code period} (yyyy-MM-dd) and the paths
 * of its {@code totals} and {@code detail} files. A statement that cannot be read ends the job with exit code
 * INVALID_INPUT and its problems listed in {@code statement-errors.txt}; a statement reconciled before ends it with
 * ALREADY_RECONCILED, having changed nothing.
 */
@Configuration(proxyBeanMethods = false)
public class ReconciliationJob {

    public static final String NAME = "insurer-reconciliation";

    @Bean
    Job insurerReconciliation(JobRepository repository, Step reconcileStatement, Progress progress) {
        return new JobBuilder(NAME, repository)
                .validator(ReconciliationJob::validate)
                .listener(progress.expecting(parameters -> lines(Path.of(parameters.getString("detail")))))
                .start(reconcileStatement)
                .build();
    }

    @Bean
    Step reconcileStatement(JobRepository repository, PlatformTransactionManager transactions, Reconcile reconcile) {
        return new StepBuilder("reconcile-statement", repository)
                .tasklet((contribution, context) -> {
                    var step = context.getStepContext().getStepExecution();
                    JobParameters p = step.getJobParameters();
                    try {
                        Reconcile.Result result = reconcile.reconcile(p.getString("insurer"), p.getLocalDate("period"),
                                Path.of(p.getString("totals")), Path.of(p.getString("detail")), step.getJobExecutionId());
                        step.setReadCount(result.outcome().lines());
                        step.setWriteCount(result.repeated() ? 0 : result.outcome().lines());
                        contribution.setExitStatus(new ExitStatus(result.repeated() ? "ALREADY_RECONCILED" : "COMPLETED",
                                result.outcome().matched() + " matched, " + result.outcome().discrepancies()
                                        + " discrepancies, totals " + (result.outcome().totalsAgree() ? "agree" : "differ")
                                        + "; report in " + result.report()));
                    } catch (Reconcile.InvalidStatement invalid) {
                        contribution.setExitStatus(new ExitStatus("INVALID_INPUT", invalid.getMessage()));
                        throw invalid;
                    }
                    return RepeatStatus.FINISHED;
                }, transactions)
                .build();
    }

    private static void validate(JobParameters parameters) throws JobParametersInvalidException {
        JobParameterNames.of(Set.of("insurer", "period", "totals", "detail"), Set.of("run")).validate(parameters);
        for (String file : new String[] {"totals", "detail"}) {
            if (!Files.isRegularFile(Path.of(parameters.getString(file)))) {
                throw new JobParametersInvalidException("The " + file + " file " + parameters.getString(file)
                        + " does not exist");
            }
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
