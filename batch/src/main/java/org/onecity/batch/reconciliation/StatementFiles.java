package org.onecity.batch.reconciliation;

import org.onecity.batch.money.Yuan;
import org.onecity.batch.settlement.SettlementDetail;
import org.onecity.batch.settlement.SettlementTotals;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads an insurer's returned statement: the detail file (tab-separated, seven columns: settlement id, visit id,
 * person number, total, fund, account, refund flag 0/1) and the totals file (eight columns, as the settlement's
 * totals). UTF-8 only; every line is checked and every problem reported with its line number, so an insurer fixes a
 * bad file in one go. Blank lines are ignored.
 */
public final class StatementFiles {

    /** Stop collecting after this many problems: the file is wrong, and the first thousand say how. */
    static final int MAX_ERRORS = 1_000;
    /** A statement line is about a hundred bytes; one far longer is not a statement line and is not held whole. */
    static final int MAX_LINE = 4_096;

    private StatementFiles() {
    }

    /** Reads every detail line, giving the good ones to {@code lines}; answers the problems found. */
    public static List<LineError> readDetail(Path file, Consumer<StatementLine> lines) {
        List<LineError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String name = file.getFileName().toString();
        eachLine(file, errors, (number, text) -> {
            String[] fields = text.split("\t", -1);
            if (fields.length != SettlementDetail.COLUMNS) {
                errors.add(new LineError(name, number, "has " + fields.length + " columns, a detail line has "
                        + SettlementDetail.COLUMNS));
                return;
            }
            for (int i = 0; i < 3; i++) {
                if (fields[i].isBlank()) {
                    errors.add(new LineError(name, number, "column " + (i + 1) + " is empty"));
                    return;
                }
            }
            if (!fields[6].equals("0") && !fields[6].equals("1")) {
                errors.add(new LineError(name, number, "refund flag '" + fields[6] + "' is neither 0 nor 1"));
                return;
            }
            long[] amounts = new long[3];
            for (int i = 0; i < 3; i++) {
                try {
                    amounts[i] = Yuan.parse(fields[3 + i]);
                } catch (IllegalArgumentException e) {
                    errors.add(new LineError(name, number, "column " + (4 + i) + ": " + e.getMessage()));
                    return;
                }
            }
            if (!seen.add(fields[0])) {
                errors.add(new LineError(name, number, "settlement " + fields[0] + " appears a second time"));
                return;
            }
            lines.accept(new StatementLine(number, fields[0], fields[1], fields[2], amounts[0], amounts[1],
                    amounts[2], fields[6].equals("1")));
        });
        return errors;
    }

    /** Reads the totals records; answers them, or the problems found. */
    public static List<LineError> readTotals(Path file, List<SettlementTotals> records) {
        List<LineError> errors = new ArrayList<>();
        String name = file.getFileName().toString();
        eachLine(file, errors, (number, text) -> {
            String[] f = text.split("\t", -1);
            if (f.length != SettlementTotals.COLUMNS) {
                errors.add(new LineError(name, number, "has " + f.length + " columns, a totals record has "
                        + SettlementTotals.COLUMNS));
                return;
            }
            try {
                records.add(new SettlementTotals(f[0], f[1], LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE),
                        LocalDate.parse(f[3], DateTimeFormatter.BASIC_ISO_DATE), Yuan.parse(f[4]), Yuan.parse(f[5]),
                        Yuan.parse(f[6]), Long.parseLong(f[7])));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                errors.add(new LineError(name, number, e instanceof NumberFormatException
                        ? "settlement count '" + f[7] + "' is not a whole number" : e.getMessage()));
            }
        });
        return errors;
    }

    interface LineHandler {
        void line(int number, String text);
    }

    private static void eachLine(Path file, List<LineError> errors, LineHandler handler) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        String name = file.getFileName().toString();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            int number = 0;
            long dropped = 0;
            int b;
            boolean more = true;
            while (more && errors.size() < MAX_ERRORS) {
                b = in.read();
                if (b == -1) {
                    more = false;
                    if (line.size() == 0 && dropped == 0) {
                        break;
                    }
                } else if (b != '\n') {
                    if (line.size() < MAX_LINE) {
                        line.write(b);
                    } else {
                        dropped++;
                    }
                    continue;
                }
                number++;
                byte[] bytes = line.toByteArray();
                line.reset();
                if (dropped > 0) {
                    errors.add(new LineError(name, number, "is " + (MAX_LINE + dropped) + " bytes long, longer than "
                            + MAX_LINE + ": not a statement line"));
                    dropped = 0;
                    continue;
                }
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                String text;
                try {
                    text = utf8.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
                } catch (CharacterCodingException e) {
                    errors.add(new LineError(name, number, "is not UTF-8 text"));
                    continue;
                }
                if (number == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (!text.isBlank()) {
                    handler.line(number, text);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
