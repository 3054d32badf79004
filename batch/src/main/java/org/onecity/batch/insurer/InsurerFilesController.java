package org.onecity.batch.insurer;

import org.onecity.batch.BatchSettings;
import org.onecity.batch.operation.Jobs;
import org.onecity.batch.operation.JobsController;
import org.onecity.batch.reconciliation.Reconcile;
import org.onecity.batch.reconciliation.ReconciliationJob;
import org.onecity.batch.settlement.SettlementFiles;
import org.onecity.common.security.SmartScopes;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What an insurer does with the batch over HTTP, for its own members' claims only: fetch its settlement files of a
 * day, send back its statement (which starts the reconciliation), and read the discrepancy report. The bureau may do
 * the same for every insurer.
 */
@RestController
@RequestMapping("/batch/insurers/{insurer}/{period}")
public class InsurerFilesController {

    private static final MediaType TSV = MediaType.parseMediaType("text/tab-separated-values;charset=UTF-8");
    private static final Set<String> REPORTS = Set.of("discrepancies.csv", "discrepancies.json", "statement-errors.txt");

    private final SettlementFiles settlementFiles;
    private final Reconcile reconcile;
    private final Jobs jobs;
    private final JobsController status;
    private final Path statements;
    private final Clock clock;
    private final InsurerAccess access;

    public InsurerFilesController(SettlementFiles settlementFiles, Reconcile reconcile, Jobs jobs,
                                  JobsController status, BatchSettings settings, Clock clock, InsurerAccess access) {
        this.access = access;
        this.settlementFiles = settlementFiles;
        this.reconcile = reconcile;
        this.jobs = jobs;
        this.status = status;
        this.statements = settings.files().resolve("statements");
        this.clock = clock;
    }

    /** {@code totals.tsv} or {@code detail.tsv} of the insurer's settlement of the day. */
    @GetMapping("/settlement/{file:totals\\.tsv|detail\\.tsv}")
    public ResponseEntity<FileSystemResource> settlementFile(@PathVariable String insurer, @PathVariable String period,
                                                             @PathVariable String file) {
        access.require(insurer, "Claim", SmartScopes.READ);
        return answer(settlementFiles.folder(insurer, day(period)).resolve(file), TSV);
    }

    /** The insurer's statement for the day: its totals and detail files; answered 202 with the reconciliation job. */
    @PostMapping(path = "/statement", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<JobsController.ExecutionStatus> statement(@PathVariable String insurer,
            @PathVariable String period, @RequestPart("totals") MultipartFile totals,
            @RequestPart("detail") MultipartFile detail) {
        access.require(insurer, "PaymentReconciliation", SmartScopes.CREATE);
        LocalDate day = day(period);
        Path folder = statements.resolve(insurer).resolve(day.toString())
                .resolve(clock.instant().toString().replace(':', '-') + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(folder);
            totals.transferTo(folder.resolve("totals.tsv"));
            detail.transferTo(folder.resolve("detail.tsv"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the statement in " + folder, e);
        }
        var execution = jobs.start(ReconciliationJob.NAME, Map.of("insurer", insurer, "period", day.toString(),
                "totals", folder.resolve("totals.tsv").toString(), "detail", folder.resolve("detail.tsv").toString()));
        return ResponseEntity.accepted().location(URI.create("/batch/executions/" + execution.getId()))
                .body(status.status(execution));
    }

    /** The reconciliation's report of the day: {@code discrepancies.csv}, {@code .json}, or the statement's errors. */
    @GetMapping("/reconciliation/{file:.+}")
    public ResponseEntity<FileSystemResource> report(@PathVariable String insurer, @PathVariable String period,
                                                     @PathVariable String file) {
        access.require(insurer, "PaymentReconciliation", SmartScopes.READ);
        if (!REPORTS.contains(file)) {
            throw new Jobs.JobRefused(404, "unknown-report", "The reports are " + REPORTS);
        }
        return answer(reconcile.folder(insurer, day(period)).resolve(file), file.endsWith(".json")
                ? MediaType.APPLICATION_JSON : file.endsWith(".csv") ? MediaType.parseMediaType("text/csv;charset=UTF-8")
                : MediaType.TEXT_PLAIN);
    }

    private static ResponseEntity<FileSystemResource> answer(Path file, MediaType type) {
        if (!Files.isRegularFile(file)) {
            throw new Jobs.JobRefused(404, "no-such-file", "There is no " + file.getFileName() + " for that day");
        }
        return ResponseEntity.ok().contentType(type).body(new FileSystemResource(file));
    }

    static LocalDate day(String period) {
        try {
            return LocalDate.parse(period);
        } catch (DateTimeParseException e) {
            throw new Jobs.JobRefused(400, "bad-period", "A period is a day, yyyy-MM-dd, not " + period);
        }
    }
}
