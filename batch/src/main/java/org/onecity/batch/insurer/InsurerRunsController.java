package org.onecity.batch.insurer;

import org.onecity.batch.operation.BatchTimes;
import org.onecity.batch.operation.Jobs;
import org.onecity.batch.operation.Progress;
import org.onecity.batch.reconciliation.Reconcile;
import org.onecity.batch.reconciliation.ReconciliationJob;
import org.onecity.batch.settlement.InsurerSettlementJob;
import org.onecity.batch.settlement.SettlementFiles;
import org.onecity.batch.settlement.Settlements;
import org.onecity.common.security.SmartScopes;
import org.springframework.batch.core.JobExecution;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An insurer's view of the batch: the settlement runs that settle its members' claims and its own reconciliations,
 * with their progress, and its settlements per day and hospital. A settlement run settles every insurer's claims at
 * once, so an insurer sees how far it is, never the counts of other insurers' claims.
 */
@RestController
@RequestMapping("/batch/insurers/{insurer}")
public class InsurerRunsController {

    private static final int RUNS = 20;
    private static final int LONGEST_SPAN = 92;

    private final Jobs jobs;
    private final Progress progress;
    private final Settlements settlements;
    private final SettlementFiles settlementFiles;
    private final Reconcile reconcile;
    private final InsurerAccess access;
    private final Clock clock;

    public InsurerRunsController(Jobs jobs, Progress progress, Settlements settlements, SettlementFiles settlementFiles,
                                 Reconcile reconcile, InsurerAccess access, Clock clock) {
        this.jobs = jobs;
        this.progress = progress;
        this.settlements = settlements;
        this.settlementFiles = settlementFiles;
        this.reconcile = reconcile;
        this.access = access;
        this.clock = clock;
    }

    /**
     * A run as the insurer sees it.
     *
     * @param percent     0..100, or -1 when unknown
     * @param expectedEnd when a running job should be done at its pace so far
     * @param problem     why its own reconciliation failed (a settlement run's failure may concern other insurers)
     */
    public record InsurerRun(long id, String job, String period, String status, boolean running, double percent,
                             Instant expectedEnd, Instant startTime, Instant endTime, String problem) {
    }

    /** One day of the insurer's settlements: per hospital, and whether its files and a reconciliation exist. */
    public record SettledDay(LocalDate period, List<Settlements.HospitalTotals> hospitals, boolean files,
                             boolean reconciled) {
    }

    @GetMapping("/runs")
    public List<InsurerRun> runs(@PathVariable String insurer) {
        access.require(insurer, "Claim", SmartScopes.READ);
        Stream<InsurerRun> settling = jobs.recent(InsurerSettlementJob.NAME, RUNS).stream()
                .map(execution -> run(execution, null));
        Stream<InsurerRun> reconciling = jobs.recent(ReconciliationJob.NAME, RUNS * 5).stream()
                .filter(execution -> insurer.equals(execution.getJobParameters().getString("insurer")))
                .map(execution -> run(execution, firstLine(execution.getExitStatus().getExitDescription())));
        return Stream.concat(settling, reconciling).sorted(Comparator.comparingLong(InsurerRun::id).reversed())
                .limit(RUNS).toList();
    }

    /** The insurer's settled days, newest first: {@code days} days up to {@code until} (today when not given). */
    @GetMapping("/settlements")
    public List<SettledDay> settlements(@PathVariable String insurer, @RequestParam(defaultValue = "31") int days,
                                        @RequestParam(required = false) String until) {
        access.require(insurer, "Claim", SmartScopes.READ);
        if (days < 1 || days > LONGEST_SPAN) {
            throw new Jobs.JobRefused(400, "bad-span", "days is 1 to " + LONGEST_SPAN + ", not " + days);
        }
        LocalDate last = until == null ? LocalDate.now(clock) : InsurerFilesController.day(until);
        Map<LocalDate, List<Settlements.HospitalTotals>> byDay = new LinkedHashMap<>();
        settlements.byHospital(insurer, last.minusDays(days - 1L), last)
                .forEach(totals -> byDay.computeIfAbsent(totals.period(), day -> new ArrayList<>()).add(totals));
        return byDay.entrySet().stream().map(day -> new SettledDay(day.getKey(), day.getValue(),
                Files.isRegularFile(settlementFiles.folder(insurer, day.getKey()).resolve("detail.tsv")),
                Files.isRegularFile(reconcile.folder(insurer, day.getKey()).resolve("discrepancies.json")))).toList();
    }

    private InsurerRun run(JobExecution execution, String problem) {
        Progress.Figures figures = progress.of(execution);
        Object period = execution.getJobParameters().getParameters().containsKey("period")
                ? execution.getJobParameters().getParameter("period").getValue() : null;
        boolean failed = !execution.isRunning() && !"COMPLETED".equals(execution.getStatus().name());
        return new InsurerRun(execution.getId(), execution.getJobInstance().getJobName(),
                period == null ? null : period.toString(), execution.getStatus().name(), execution.isRunning(),
                figures.percent(), figures.expectedEnd(), BatchTimes.instant(execution.getStartTime()),
                BatchTimes.instant(execution.getEndTime()), failed ? problem : null);
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
