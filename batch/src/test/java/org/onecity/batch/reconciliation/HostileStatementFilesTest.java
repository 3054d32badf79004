package org.onecity.batch.reconciliation;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.onecity.batch.settlement.SettlementTotals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The insurer statement's hostile file corpus: whatever the totals and detail files hold, reading them answers the
 * problems with their line numbers (at most a thousand, each of bounded size) and takes no line whole beyond what a
 * statement line may be; nothing throws, and a good line among bad ones is still read.
 */
class HostileStatementFilesTest {

    private static final String GOOD = "S-1\tV-1\tP-1\t100.00\t60.00\t40.00\t0";

    @TempDir
    Path folder;

    interface Content {
        void write(OutputStream out) throws IOException;
    }

    record Hostile(String name, Content content) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> corpus() {
        return Stream.of(
                text("truncated in the middle of a line", GOOD + "\nS-2\tV-2\tP-"),
                text("too many columns", GOOD + "\n" + "x\t".repeat(10_000)),
                text("amounts past a long", GOOD + "\nS-2\tV-2\tP-2\t99999999999999999999999.00\t0\t0\t0"),
                text("amounts in exponent form", GOOD + "\nS-2\tV-2\tP-2\t1e9\t0\t0\t0"),
                text("NUL bytes", GOOD + "\n\u0000\u0000\u0000\t\u0000"),
                text("a settlement twice", GOOD + "\n" + GOOD),
                new Hostile("invalid UTF-8", out -> {
                    out.write((GOOD + "\nS-2\tV-2\tP-").getBytes(StandardCharsets.UTF_8));
                    out.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n'});
                }),
                new Hostile("one line of 200 MB", out -> {
                    out.write((GOOD + "\n").getBytes(StandardCharsets.UTF_8));
                    byte[] chunk = "9".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < 200; i++) {
                        out.write(chunk);
                    }
                }),
                new Hostile("a million bad lines", out -> {
                    out.write((GOOD + "\n").getBytes(StandardCharsets.UTF_8));
                    byte[] bad = "no tabs here\n".getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < 1_000_000; i++) {
                        out.write(bad);
                    }
                }),
                new Hostile("10 MB of random bytes", out -> {
                    out.write((GOOD + "\n").getBytes(StandardCharsets.UTF_8));
                    byte[] noise = new byte[10 << 20];
                    new Random(17).nextBytes(noise);
                    out.write(noise);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aHostileStatementIsReadAsProblemsWithLineNumbers(Hostile hostile) throws IOException {
        Path file = folder.resolve("detail.tsv");
        try (OutputStream out = Files.newOutputStream(file)) {
            hostile.content().write(out);
        }
        List<StatementLine> good = new ArrayList<>();

        List<LineError> detailProblems = StatementFiles.readDetail(file, good::add);
        List<LineError> totalsProblems = StatementFiles.readTotals(file, new ArrayList<SettlementTotals>());

        assertThat(good).as("the good first line").extracting(StatementLine::settlementId).first().isEqualTo("S-1");
        for (List<LineError> problems : List.of(detailProblems, totalsProblems)) {
            assertThat(problems).isNotEmpty().hasSizeLessThanOrEqualTo(StatementFiles.MAX_ERRORS);
            assertThat(problems).allSatisfy(problem -> {
                assertThat(problem.lineNumber()).isPositive();
                assertThat(problem.toString()).hasSizeLessThan(StatementFiles.MAX_LINE + 500);
            });
        }
    }

    private static Hostile text(String name, String content) {
        return new Hostile(name, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }
}
