package org.onecity.batch.benchmark;

import org.onecity.batch.BatchApplication;
import org.onecity.batch.operation.Jobs;
import org.onecity.batch.reconciliation.ReconciliationJob;
import org.onecity.batch.settlement.InsurerSettlementJob;
import org.onecity.batch.support.BatchTestInitializer;
import org.onecity.batch.support.CityBills;
import org.springframework.batch.core.JobExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The batch's throughput on this machine: the settlement of {@code -Dbills} (default 100,000) bills of one day over
 * five hospitals in one job, then the reconciliation of the insurer's statement of as many detail lines (a copy of
 * the settlement's own files with 1 % of the lines changed). Bills are seeded straight into billing's tables as
 * billing's discharge books them; billing runs beside as its own process (it owns the schema). Targets: 2,000
 * bills/s and 10,000 lines/s.
 *
 * <pre>./onecity bench batch [-Dbills=100000]</pre>
 */
public final class SettlementBenchmark {

    public static void main(String[] args) {
        try {
            run();
            System.exit(0);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        int count = Integer.getInteger("bills", 100_000);
        LocalDate day = LocalDate.of(2026, 1, 15);
        Path files = Files.createTempDirectory("onecity-batch-bench");
        try (ConfigurableApplicationContext batch = new SpringApplicationBuilder(BatchApplication.class)
                .web(WebApplicationType.NONE)
                .initializers(new BatchTestInitializer())
                .run("--onecity.batch.scheduling=false", "--onecity.batch.files=" + files,
                        "--logging.level.org.springframework.batch=WARN")) {
            JdbcClient db = batch.getBean(JdbcClient.class);
            CityBills bills = new CityBills(null, db);
            long seeding = System.nanoTime();
            bills.seed(count, day, List.of("H001", "H002", "H003", "H004", "H005"));
            System.out.printf("seeded %,d bills in %.1f s%n", count, (System.nanoTime() - seeding) / 1e9);
            db.sql("analyze").update();
            Jobs jobs = batch.getBean(Jobs.class);

            long start = System.nanoTime();
            JobExecution settlement = jobs.run(InsurerSettlementJob.NAME, Map.of("period", day.toString()));
            double seconds = (System.nanoTime() - start) / 1e9;
            require(settlement);
            long settled = db.sql("select count(*) from settlement where period = ?").param(day).query(Long.class).single();
            System.out.printf("settlement: %,d bills in %.1f s = %,.0f bills/s (target 2,000), status %s%n",
                    settled, seconds, settled / seconds, settlement.getStatus());

            Path ours = files.resolve("settlement").resolve("CITY-FUND").resolve("20260115");
            List<String> detail = new ArrayList<>(Files.readAllLines(ours.resolve("detail.tsv")));
            for (int i = 0; i < detail.size(); i += 100) {
                detail.set(i, detail.get(i).replace("\t70.00\t", "\t70.01\t"));
            }
            Path statement = Files.createTempDirectory("statement");
            Files.write(statement.resolve("detail.tsv"), detail);
            Files.copy(ours.resolve("totals.tsv"), statement.resolve("totals.tsv"));
            start = System.nanoTime();
            JobExecution reconciliation = jobs.run(ReconciliationJob.NAME, Map.of("insurer", "CITY-FUND",
                    "period", day.toString(), "totals", statement.resolve("totals.tsv").toString(),
                    "detail", statement.resolve("detail.tsv").toString()));
            seconds = (System.nanoTime() - start) / 1e9;
            require(reconciliation);
            System.out.printf("reconciliation: %,d lines in %.1f s = %,.0f lines/s (target 10,000), %s%n",
                    detail.size(), seconds, detail.size() / seconds,
                    reconciliation.getStepExecutions().iterator().next().getExitStatus().getExitDescription());
            System.out.printf("machine: %d cores, heap %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() / (1 << 20) + " MB",
                    System.getProperty("java.version"));
        }
    }

    private static void require(JobExecution execution) {
        if (!execution.getStatus().name().equals("COMPLETED")) {
            throw new IllegalStateException(execution.getJobInstance().getJobName() + " " + execution.getStatus() + ": "
                    + execution.getExitStatus().getExitDescription());
        }
    }
}
