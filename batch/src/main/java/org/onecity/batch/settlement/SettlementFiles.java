package org.onecity.batch.settlement;

import org.onecity.batch.BatchSettings;
import org.onecity.batch.WholeFiles;
import org.onecity.batch.money.Yuan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * An insurer's settlement files for a period: {@code totals.tsv} (one totals record per insurance type and clearing
 * type) and {@code detail.tsv} (one line per settlement), UTF-8, written whole or not at all. Before writing, the
 * totals are checked against billing's ledger to the fen: files that disagree with the books are never sent.
 */
@Component
public class SettlementFiles {

    private static final Logger log = LoggerFactory.getLogger(SettlementFiles.class);

    private final Settlements settlements;
    private final Path root;

    public SettlementFiles(Settlements settlements, BatchSettings settings) {
        this.settlements = settlements;
        this.root = settings.files().resolve("settlement");
    }

    public Path folder(String insurer, LocalDate period) {
        return root.resolve(insurer).resolve(period.format(DateTimeFormatter.BASIC_ISO_DATE));
    }

    /** Writes the insurer's files for the period; answers their folder. */
    public Path write(String insurer, LocalDate period) {
        List<SettlementTotals> totals = settlements.totals(insurer, period);
        long fund = totals.stream().mapToLong(SettlementTotals::fundFen).sum();
        long account = totals.stream().mapToLong(SettlementTotals::accountFen).sum();
        Settlements.LedgerSums booked = settlements.ledgerSums(insurer, period);
        if (booked.fundFen() != fund || booked.accountFen() != account) {
            throw new IllegalStateException("The settlement of " + insurer + " for " + period + " does not agree with "
                    + "the ledger: fund " + Yuan.format(fund) + " against " + Yuan.format(booked.fundFen())
                    + " booked, personal accounts " + Yuan.format(account) + " against "
                    + Yuan.format(booked.accountFen()) + " booked");
        }
        Path folder = folder(insurer, period);
        try {
            Files.createDirectories(folder);
            WholeFiles.write(folder.resolve("totals.tsv"), out -> {
                for (SettlementTotals record : totals) {
                    out.write(record.line());
                    out.newLine();
                }
            });
            WholeFiles.write(folder.resolve("detail.tsv"), out -> settlements.each(insurer, period, s -> {
                try {
                    out.write(SettlementDetail.line(s));
                    out.newLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the settlement files of " + insurer + " in " + folder, e);
        }
        log.info("Settlement files of {} for {}: {} settlements, fund {} yuan, personal accounts {} yuan, in {}",
                insurer, period, totals.stream().mapToLong(SettlementTotals::count).sum(), Yuan.format(fund),
                Yuan.format(account), folder);
        return folder;
    }
}
