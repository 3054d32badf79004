package org.onecity.portal.insurer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.onecity.portal.city.CityServices;
import org.onecity.portal.city.FhirJson;
import org.onecity.portal.city.ServiceRefused;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The insurer's settlements, files and reconciliations, from the batch with the person's own token. */
@Component
class InsurerBatch {

    /** A discrepancy report larger than this is offered as its CSV file, not read into the page. */
    static final int LARGEST_REPORT = 8 * 1024 * 1024;

    private final CityServices services;
    private final ObjectMapper json;

    InsurerBatch(CityServices services, ObjectMapper json) {
        this.services = services;
        this.json = json;
    }

    List<Run> runs(String insurer) {
        List<Run> runs = new ArrayList<>();
        services.batch(base(insurer) + "/runs").forEach(r -> runs.add(new Run(r.path("id").asLong(),
                Run.kind(r.path("job").asText()), day(r.path("period")), r.path("status").asText(),
                r.path("running").asBoolean(), r.path("percent").asDouble(-1), FhirJson.instant(r.path("expectedEnd")),
                FhirJson.instant(r.path("startTime")), FhirJson.instant(r.path("endTime")),
                r.path("problem").asText(null))));
        return runs;
    }

    Optional<Run> run(String insurer, long id) {
        return runs(insurer).stream().filter(r -> r.id() == id).findFirst();
    }

    List<SettledDay> days(String insurer) {
        List<SettledDay> days = new ArrayList<>();
        services.batch(base(insurer) + "/settlements?days=31").forEach(d -> {
            List<HospitalTotals> hospitals = new ArrayList<>();
            d.path("hospitals").forEach(h -> hospitals.add(new HospitalTotals(h.path("hospital").asText(),
                    h.path("settlements").asLong(), yuan(h.path("totalFen")), yuan(h.path("fundFen")),
                    yuan(h.path("accountFen")))));
            days.add(new SettledDay(day(d.path("period")), hospitals, d.path("files").asBoolean(),
                    d.path("reconciled").asBoolean()));
        });
        return days;
    }

    /** A settlement file of the day ({@code totals.tsv}, {@code detail.tsv}) copied to {@code out}. */
    void settlementFile(String insurer, LocalDate day, String file, OutputStream out) {
        services.batchFile(base(insurer) + "/" + day + "/settlement/" + file, out);
    }

    /** A report of the day's reconciliation ({@code discrepancies.csv}, {@code statement-errors.txt}) to {@code out}. */
    void reportFile(String insurer, LocalDate day, String file, OutputStream out) {
        services.batchFile(base(insurer) + "/" + day + "/reconciliation/" + file, out);
    }

    /** The day's discrepancy report, if the statement has been reconciled (and the report is small enough to show). */
    Optional<DiscrepancyReport> report(String insurer, LocalDate day) {
        Bounded buffer = new Bounded();
        try {
            reportFile(insurer, day, "discrepancies.json", buffer);
        } catch (ServiceRefused refused) {
            if (refused.status() == 404) {
                return Optional.empty();
            }
            throw refused;
        } catch (Bounded.TooLarge large) {
            return Optional.empty();
        }
        try {
            JsonNode report = json.readTree(buffer.toByteArray());
            List<String> differences = new ArrayList<>();
            report.path("totalsDifferences").forEach(d -> differences.add(d.asText()));
            List<DiscrepancyReport.Discrepancy> shown = new ArrayList<>();
            JsonNode all = report.path("discrepancies");
            for (int i = 0; i < Math.min(all.size(), DiscrepancyReport.SHOWN); i++) {
                JsonNode d = all.get(i);
                shown.add(new DiscrepancyReport.Discrepancy(d.path("settlementId").asText(), d.path("kind").asText(),
                        d.path("lineNumber").isNumber() ? d.path("lineNumber").asInt() : null, d.path("detail").asText()));
            }
            return Optional.of(new DiscrepancyReport(report.path("lines").asInt(), report.path("matched").asInt(),
                    report.path("totalsAgree").asBoolean(), differences, shown, all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException("The batch's discrepancy report of " + day + " is not JSON", e);
        }
    }

    /** Sends the statement; answers the reconciliation run the batch started. */
    long sendStatement(String insurer, LocalDate day, StatementUpload totals, StatementUpload detail) {
        Map<String, Map.Entry<String, byte[]>> files = new LinkedHashMap<>();
        files.put("totals", Map.entry("totals.tsv", totals.bytes()));
        files.put("detail", Map.entry("detail.tsv", detail.bytes()));
        return services.batchFiles(base(insurer) + "/" + day + "/statement", files).path("id").asLong();
    }

    private static String base(String insurer) {
        return "/insurers/" + UriUtils.encodePathSegment(insurer, StandardCharsets.UTF_8);
    }

    private static BigDecimal yuan(JsonNode fen) {
        return BigDecimal.valueOf(fen.asLong(), 2);
    }

    private static LocalDate day(JsonNode value) {
        return value.isTextual() && !value.asText().isBlank() ? LocalDate.parse(value.asText()) : null;
    }

    /** A buffer that refuses to grow past {@link #LARGEST_REPORT}. */
    private static final class Bounded extends ByteArrayOutputStream {

        static final class TooLarge extends RuntimeException {
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            if (count + length > LARGEST_REPORT) {
                throw new TooLarge();
            }
            super.write(bytes, offset, length);
        }

        @Override
        public synchronized void write(int b) {
            if (count + 1 > LARGEST_REPORT) {
                throw new TooLarge();
            }
            super.write(b);
        }
    }
}
