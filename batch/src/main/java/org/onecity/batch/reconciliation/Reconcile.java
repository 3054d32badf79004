package org.onecity.batch.reconciliation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.onecity.batch.BatchSettings;
import org.onecity.batch.WholeFiles;
import org.onecity.batch.money.Yuan;
import org.onecity.batch.settlement.Settlement;
import org.onecity.batch.settlement.SettlementTotals;
import org.onecity.batch.settlement.Settlements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reconciles an insurer's returned statement for a period with our settlements, in one database transaction: the
 * files are read and checked whole first (a bad file is refused with every problem and its line number, and nothing is
 * kept); then the lines are stored, each settlement classified, the claims marked reconciled or disputed, and the
 * discrepancy report written as CSV and JSON. The same statement reconciled again changes nothing.
 */
@Component
public class Reconcile {

    private static final Logger log = LoggerFactory.getLogger(Reconcile.class);

    private final Reconciliations reconciliations;
    private final Settlements settlements;
    private final Clock clock;
    private final Path root;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .enable(SerializationFeature.INDENT_OUTPUT);

    public Reconcile(Reconciliations reconciliations, Settlements settlements, Clock clock, BatchSettings settings) {
        this.reconciliations = reconciliations;
        this.settlements = settlements;
        this.clock = clock;
        this.root = settings.files().resolve("reconciliation");
    }

    /** The statement's files cannot be read; nothing was kept. */
    public static class InvalidStatement extends RuntimeException {
        private final List<LineError> errors;

        InvalidStatement(List<LineError> errors) {
            super(errors.size() + " problem(s) in the statement, first: " + errors.get(0));
            this.errors = errors;
        }

        public List<LineError> errors() {
            return errors;
        }
    }

    /** @param repeated true when this very statement was reconciled before (nothing was done) */
    public record Result(Reconciliations.Outcome outcome, boolean repeated, Path report) {
    }

    public Path folder(String insurer, LocalDate period) {
        return root.resolve(insurer).resolve(period.format(DateTimeFormatter.BASIC_ISO_DATE));
    }

    public Result reconcile(String insurer, LocalDate period, Path totalsFile, Path detailFile, long jobExecutionId) {
        String sha256 = sha256(totalsFile, detailFile);
        var done = reconciliations.completed(insurer, period, sha256);
        if (done.isPresent()) {
            return new Result(done.get(), true, folder(insurer, period));
        }
        List<SettlementTotals> theirTotals = new ArrayList<>();
        List<LineError> errors = new ArrayList<>(StatementFiles.readTotals(totalsFile, theirTotals));
        List<StatementLine> lines = new ArrayList<>();
        errors.addAll(StatementFiles.readDetail(detailFile, lines::add));
        if (!errors.isEmpty()) {
            writeErrors(insurer, period, errors);
            throw new InvalidStatement(errors);
        }

        long id = reconciliations.start(insurer, period, sha256, jobExecutionId);
        reconciliations.addLines(id, lines);
        Map<String, StatementLine> theirs = new HashMap<>(lines.size() * 2);
        lines.forEach(line -> theirs.put(line.settlementId(), line));
        List<Discrepancy> discrepancies = new ArrayList<>();
        int[] matched = {0};
        settlements.each(insurer, period, (Settlement ours) -> Matching.compare(ours, theirs.remove(ours.settlementId()))
                .ifPresentOrElse(discrepancies::add, () -> matched[0]++));
        theirs.values().stream().sorted((a, b) -> Integer.compare(a.lineNumber(), b.lineNumber()))
                .forEach(line -> discrepancies.add(Matching.compare(null, line).orElseThrow()));
        reconciliations.addDiscrepancies(id, discrepancies);
        reconciliations.markClaims(id, insurer, period);
        List<String> totalsDifferences = totalsDifferences(settlements.totals(insurer, period), theirTotals);
        Reconciliations.Outcome outcome = new Reconciliations.Outcome(id, lines.size(), matched[0],
                discrepancies.size(), totalsDifferences.isEmpty());
        reconciliations.complete(outcome, clock.instant());
        Path report = writeReport(insurer, period, outcome, discrepancies, totalsDifferences);
        log.info("Reconciled {} for {}: {} lines, {} matched, {} discrepancies, totals {}", insurer, period,
                lines.size(), matched[0], discrepancies.size(), totalsDifferences.isEmpty() ? "agree" : "differ");
        return new Result(outcome, false, report);
    }

    /** Where the statement's totals records differ from ours, by insurance type and clearing type. */
    static List<String> totalsDifferences(List<SettlementTotals> ours, List<SettlementTotals> theirs) {
        Map<String, SettlementTotals> mine = new LinkedHashMap<>();
        ours.forEach(t -> mine.put(t.insuranceType() + "/" + t.clearingType(), t));
        List<String> differences = new ArrayList<>();
        for (SettlementTotals t : theirs) {
            SettlementTotals o = mine.remove(t.insuranceType() + "/" + t.clearingType());
            if (o == null) {
                differences.add("their totals " + t.line() + " have no settlements of ours");
            } else if (!Objects.equals(o.line(), new SettlementTotals(t.insuranceType(), t.clearingType(),
                    o.periodStart(), o.periodEnd(), t.totalFen(), t.fundFen(), t.accountFen(), t.count()).line())) {
                differences.add("insurance type " + t.insuranceType() + " clearing type " + t.clearingType()
                        + ": ours " + Yuan.format(o.totalFen()) + "/" + Yuan.format(o.fundFen()) + "/"
                        + Yuan.format(o.accountFen()) + " in " + o.count() + ", theirs " + Yuan.format(t.totalFen())
                        + "/" + Yuan.format(t.fundFen()) + "/" + Yuan.format(t.accountFen()) + " in " + t.count());
            }
        }
        mine.values().forEach(o -> differences.add("our totals " + o.line() + " are not in their statement"));
        return differences;
    }

    private Path writeReport(String insurer, LocalDate period, Reconciliations.Outcome outcome,
                             List<Discrepancy> discrepancies, List<String> totalsDifferences) {
        Path folder = folder(insurer, period);
        try {
            Files.createDirectories(folder);
            StringBuilder csv = new StringBuilder("settlement_id,kind,line_number,detail\n");
            for (Discrepancy d : discrepancies) {
                csv.append(d.settlementId()).append(',').append(d.kind()).append(',')
                        .append(d.lineNumber() == null ? "" : d.lineNumber()).append(",\"")
                        .append(d.detail().replace("\"", "\"\"")).append("\"\n");
            }
            WholeFiles.write(folder.resolve("discrepancies.csv"), csv.toString());
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("insurer", insurer);
            document.put("period", period.toString());
            document.put("lines", outcome.lines());
            document.put("matched", outcome.matched());
            document.put("totalsAgree", outcome.totalsAgree());
            document.put("totalsDifferences", totalsDifferences);
            document.put("discrepancies", discrepancies);
            WholeFiles.write(folder.resolve("discrepancies.json"), json.writeValueAsString(document));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the discrepancy report in " + folder, e);
        }
    }

    private void writeErrors(String insurer, LocalDate period, List<LineError> errors) {
        Path folder = folder(insurer, period);
        try {
            Files.createDirectories(folder);
            StringBuilder text = new StringBuilder();
            errors.forEach(e -> text.append(e).append('\n'));
            WholeFiles.write(folder.resolve("statement-errors.txt"), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the statement's errors in " + folder, e);
        }
    }

    private static String sha256(Path... files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, n);
                    }
                }
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the statement", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
