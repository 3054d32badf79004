package org.onecity.batch.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onecity.batch.settlement.InsurerSettlementJob;
import org.onecity.batch.support.BatchTest;
import org.onecity.batch.support.CityBills;
import org.onecity.batch.support.CityClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An insurer's returned statement against our settlement: each disagreement classified, claims marked, once. */
@BatchTest
class ReconciliationTest {

    /** The files a test hands to the batch service; removed after it. */
    @TempDir
    Path folder;

    static final LocalDate DAY = LocalDate.of(2026, 3, 5);
    static final LocalDate BAD_DAY = LocalDate.of(2026, 3, 6);
    static final Path SETTLEMENT = Path.of("target", "batch-files", "settlement", "CITY-FUND");

    @Autowired
    CityClient city;
    @Autowired
    CityBills bills;
    @Autowired
    JdbcClient db;

    @Test
    void everyDisagreementIsClassifiedTheClaimsMarkedAndAStatementReconciledTwiceChangesNothing() throws Exception {
        bills.seed(30, DAY, List.of("H001", "H002"));
        assertThat(city.runJob(InsurerSettlementJob.NAME, Map.of("period", DAY.toString())).path("status").asText())
                .isEqualTo("COMPLETED");
        Path ours = SETTLEMENT.resolve("20260305");
        List<String> detail = new ArrayList<>(Files.readAllLines(ours.resolve("detail.tsv")));
        assertThat(detail).hasSize(30);
        String amountChanged = id(detail.get(2));
        detail.set(2, detail.get(2).replace("\t70.00\t", "\t71.00\t"));
        String refundChanged = id(detail.get(6));
        detail.set(6, detail.get(6).substring(0, detail.get(6).length() - 1) + "1");
        String missingThere = id(detail.remove(4));
        detail.add("S20260305999999999999\tH001-X\tSBX\t10.00\t7.00\t2.00\t0");
        Path statement = Files.createDirectories(folder.resolve("statement"));
        Files.write(statement.resolve("detail.tsv"), detail);
        Files.copy(ours.resolve("totals.tsv"), statement.resolve("totals.tsv"));
        Map<String, String> parameters = Map.of("insurer", "CITY-FUND", "period", DAY.toString(),
                "totals", statement.resolve("totals.tsv").toString(), "detail", statement.resolve("detail.tsv").toString());

        JsonNode run = city.runJob(ReconciliationJob.NAME, parameters);

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("COMPLETED");
        Path report = Path.of("target", "batch-files", "reconciliation", "CITY-FUND", "20260305");
        JsonNode json = new ObjectMapper().readTree(report.resolve("discrepancies.json").toFile());
        assertThat(json.path("matched").asInt()).isEqualTo(27);
        assertThat(json.path("totalsAgree").asBoolean()).as("their totals are ours, their lines are not").isTrue();
        Map<String, String> kinds = new java.util.TreeMap<>();
        json.path("discrepancies").forEach(d -> kinds.put(d.path("settlementId").asText(), d.path("kind").asText()));
        assertThat(kinds).containsExactlyInAnyOrderEntriesOf(Map.of(amountChanged, "AMOUNT_DIFFERS",
                refundChanged, "REFUND_DIFFERS", missingThere, "MISSING_THERE",
                "S20260305999999999999", "MISSING_HERE"));
        json.path("discrepancies").forEach(d -> {
            if (d.path("kind").asText().equals("MISSING_HERE")) {
                assertThat(d.path("lineNumber").asInt()).as("the statement's line").isEqualTo(30);
            }
        });
        assertThat(Files.readAllLines(report.resolve("discrepancies.csv"))).hasSize(5);
        assertThat(claims()).containsExactlyInAnyOrderEntriesOf(Map.of("RECONCILED", 27L, "DISPUTED", 3L));

        JsonNode again = city.runJob(ReconciliationJob.NAME, withRun(parameters));
        assertThat(again.path("exitCode").asText()).isEqualTo("ALREADY_RECONCILED");
        assertThat(db.sql("select count(*) from reconciliation where period = ?").param(DAY).query(Long.class).single())
                .isEqualTo(1);
        assertThat(db.sql("select count(*) from discrepancy d join reconciliation r on r.id = d.reconciliation_id "
                + "where r.period = ?").param(DAY).query(Long.class).single()).isEqualTo(4);
        assertThat(claims()).containsExactlyInAnyOrderEntriesOf(Map.of("RECONCILED", 27L, "DISPUTED", 3L));
    }

    @Test
    void aStatementThatCannotBeReadIsRefusedWithEveryProblemAndItsLineAndChangesNothing() throws Exception {
        bills.seed(5, BAD_DAY, List.of("H004"));
        city.runJob(InsurerSettlementJob.NAME, Map.of("period", BAD_DAY.toString()));
        Path ours = SETTLEMENT.resolve("20260306");
        List<String> lines = Files.readAllLines(ours.resolve("detail.tsv"));
        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        bad.write((lines.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
        // line 2 written in Latin-1, not UTF-8
        bad.write((lines.get(1).replace("\tH00", "\tH\u00e900") + "\n").getBytes(StandardCharsets.ISO_8859_1));
        bad.write((lines.get(2) + "\textra\n").getBytes(StandardCharsets.UTF_8));        // line 3: eight columns
        bad.write((lines.get(3).replace("\t70.00\t", "\tseventy\t") + "\n").getBytes(StandardCharsets.UTF_8));
        bad.write((lines.get(4) + "\n").getBytes(StandardCharsets.UTF_8));
        Path statement = Files.createDirectories(folder.resolve("bad-statement"));
        Files.write(statement.resolve("detail.tsv"), bad.toByteArray());
        Files.copy(ours.resolve("totals.tsv"), statement.resolve("totals.tsv"));

        JsonNode run = city.runJob(ReconciliationJob.NAME, Map.of("insurer", "CITY-FUND", "period", BAD_DAY.toString(),
                "totals", statement.resolve("totals.tsv").toString(),
                "detail", statement.resolve("detail.tsv").toString()));

        assertThat(run.path("status").asText()).isEqualTo("FAILED");
        assertThat(run.path("exitDescription").asText()).contains("3 problem(s)");
        List<String> errors = Files.readAllLines(Path.of("target", "batch-files", "reconciliation", "CITY-FUND",
                "20260306", "statement-errors.txt"));
        assertThat(errors).containsExactly("detail.tsv line 2: is not UTF-8 text",
                "detail.tsv line 3: has 8 columns, a detail line has 7",
                "detail.tsv line 4: column 5: 'seventy' is not an amount in yuan with at most two decimals");
        assertThat(db.sql("select count(*) from reconciliation where period = ?").param(BAD_DAY).query(Long.class)
                .single()).isZero();
        assertThat(db.sql("select count(*) from bill b join settlement s on s.bill_id = b.id where s.period = ? "
                + "and b.claim_status <> 'SETTLED'").param(BAD_DAY).query(Long.class).single()).isZero();
    }

    private Map<String, Long> claims() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        db.sql("select b.claim_status, count(*) from bill b join settlement s on s.bill_id = b.id where s.period = ? "
                + "group by b.claim_status").param(DAY).query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
                .list();
        return counts;
    }

    private static Map<String, String> withRun(Map<String, String> parameters) {
        Map<String, String> again = new java.util.HashMap<>(parameters);
        again.put("run", "2");
        return again;
    }

    private static String id(String line) {
        return line.substring(0, line.indexOf('\t'));
    }
}
