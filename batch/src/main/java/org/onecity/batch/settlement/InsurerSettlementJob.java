package org.onecity.batch.settlement;

import org.onecity.batch.BatchSettings;
import org.onecity.batch.operation.PartitionedSteps;
import org.onecity.batch.operation.JobParameterNames;
import org.onecity.batch.operation.Progress;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.support.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.item.ItemProcessor;
import org.springframework.batch.item.ItemWriter;
import org.springframework.batch.item.database.JdbcPagingItemReader;
import org.springframework.batch.item.database.Order;
import org.springframework.batch.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import java.util.HashMap;
import java.util.Map;

/**
 * The daily insurer settlement. Every bill finalised in the period (a city calendar day, job parameter
 * {@code period}) and not yet settled is settled, hospital by hospital (one partition each), in chunks: each chunk is
 * one database transaction that claims its bills, debits the cards' personal accounts and books the claims in the
 * ledger, and records where the hospital's reader stands. A run killed at any moment and restarted goes on after the
 * last committed chunk, so every bill is settled exactly once. The last step writes each insurer's settlement files,
 * after checking their totals against the ledger.
 */
@Configuration(proxyBeanMethods = false)
public class InsurerSettlementJob {

    public static final String NAME = "insurer-settlement";
    public static final String WORKER_STEP = "settle-hospital";

    @Bean
    Job insurerSettlement(JobRepository repository, Step settleByHospital, Step writeSettlementFiles, Progress progress,
                          Settlements settlements, BatchSettings settings) {
        return new JobBuilder(NAME, repository)
                .validator(JobParameterNames.of(Set.of("period"), Set.of("run")))
                .listener(progress.expecting(parameters -> settlements.countToSettle(period(parameters, settings))))
                .start(settleByHospital)
                .next(writeSettlementFiles)
                .build();
    }

    @Bean
    Step settleByHospital(PartitionedSteps partitioned, Partitioner hospitalsOfPeriod, Step settleHospital) {
        return partitioned.step("settle-by-hospital", settleHospital, hospitalsOfPeriod);
    }

    /** One partition per hospital with bills of the period to settle. */
    @Bean
    @StepScope
    Partitioner hospitalsOfPeriod(Settlements settlements, BatchSettings settings,
                                  @Value("#{jobParameters['period']}") LocalDate day) {
        return gridSize -> {
            Map<String, ExecutionContext> partitions = new HashMap<>();
            for (String hospital : settlements.hospitalsToSettle(new SettlementPeriod(day, settings.zone()))) {
                ExecutionContext context = new ExecutionContext();
                context.putString("hospital", hospital);
                partitions.put(hospital, context);
            }
            return partitions;
        };
    }

    @Bean
    Step settleHospital(JobRepository repository, PlatformTransactionManager transactions, BatchSettings settings,
                        JdbcPagingItemReader<UnsettledBill> unsettledBills,
                        ItemProcessor<UnsettledBill, Settlement> settlementOfBill, ItemWriter<Settlement> settlementWriter,
                        Progress progress) {
        return new StepBuilder(WORKER_STEP, repository)
                .<UnsettledBill, Settlement>chunk(settings.settlement().chunk(), transactions)
                .reader(unsettledBills)
                .processor(settlementOfBill)
                .writer(settlementWriter)
                // a deadlock with billing's online work on a card is tried again, not a failed settlement
                .faultTolerant().retry(TransientDataAccessException.class).retryLimit(3)
                .listener(progress.reporting())
                .build();
    }

    @Bean
    @StepScope
    JdbcPagingItemReader<UnsettledBill> unsettledBills(DataSource dataSource, BatchSettings settings,
            @Value("#{stepExecutionContext['hospital']}") String hospital,
            @Value("#{jobParameters['period']}") LocalDate day) {
        SettlementPeriod period = new SettlementPeriod(day, settings.zone());
        return new JdbcPagingItemReaderBuilder<UnsettledBill>()
                .name("unsettled-bills")
                .dataSource(dataSource)
                .pageSize(settings.settlement().chunk())
                .selectClause("select *")
                // the join inside, so the paging key is a plain column of the rows read
                .fromClause("""
                        from (select b.id, b.card_number, b.insurer, b.hospital, c.scheme, v.kind, v.hospital_visit_id,
                                  b.total_fen, b.fund_fen, b.personal_account_fen, b.claim_status, b.finalised_at
                              from bill b join visit v on v.id = b.visit_id
                              join card_account c on c.card_number = b.card_number) as bills""")
                .whereClause("""
                        hospital = :hospital and claim_status = 'UNSETTLED'
                        and finalised_at >= :start and finalised_at < :end""")
                .sortKeys(Map.of("id", Order.ASCENDING))
                .parameterValues(Map.of("hospital", hospital, "start", Timestamp.from(period.start()),
                        "end", Timestamp.from(period.end())))
                .rowMapper((rs, n) -> new UnsettledBill(rs.getLong("id"), rs.getString("card_number"),
                        rs.getString("insurer"), rs.getString("hospital"), rs.getString("scheme"), rs.getString("kind"),
                        rs.getString("hospital_visit_id"), rs.getLong("total_fen"), rs.getLong("fund_fen"),
                        rs.getLong("personal_account_fen")))
                .build();
    }

    @Bean
    @StepScope
    ItemProcessor<UnsettledBill, Settlement> settlementOfBill(BatchSettings settings,
            @Value("#{jobParameters['period']}") LocalDate day) {
        SettlementPeriod period = new SettlementPeriod(day, settings.zone());
        return bill -> Settlement.of(bill, period);
    }

    @Bean
    @StepScope
    ItemWriter<Settlement> settlementWriter(SettlementLedger ledger, Clock clock,
            @Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
        return chunk -> ledger.settle(new java.util.ArrayList<>(chunk.getItems()), jobExecutionId, clock.instant());
    }

    @Bean
    Step writeSettlementFiles(JobRepository repository, PlatformTransactionManager transactions, Settlements settlements,
                         SettlementFiles files) {
        return new StepBuilder("settlement-files", repository)
                .tasklet((contribution, context) -> {
                    LocalDate period = context.getStepContext().getStepExecution().getJobParameters()
                            .getLocalDate("period");
                    settlements.refreshStatistics();
                    for (String insurer : settlements.insurersOf(period)) {
                        files.write(insurer, period);
                    }
                    return RepeatStatus.FINISHED;
                }, transactions)
                .allowStartIfComplete(true)
                .build();
    }

    static SettlementPeriod period(JobParameters parameters, BatchSettings settings) {
        return new SettlementPeriod(parameters.getLocalDate("period"), settings.zone());
    }
}
