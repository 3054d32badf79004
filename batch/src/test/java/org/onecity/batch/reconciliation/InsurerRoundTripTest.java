package org.onecity.batch.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.onecity.batch.settlement.InsurerSettlementJob;
import org.onecity.batch.support.BatchTest;
import org.onecity.batch.support.CityBills;
import org.onecity.batch.support.CityClient;
import org.onecity.common.test.CityTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The insurer over HTTP: fetches its settlement files, sends its statement back, reads the discrepancies. */
@BatchTest
class InsurerRoundTripTest {

    static final LocalDate DAY = LocalDate.of(2026, 3, 9);

    @Autowired
    CityClient city;
    @Autowired
    CityBills bills;
    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theInsurerFetchesItsFilesSendsItsStatementAndReadsTheDiscrepancies() throws Exception {
        bills.seed(8, DAY, List.of("H002"));
        assertThat(city.runJob(InsurerSettlementJob.NAME, Map.of("period", DAY.toString())).path("status").asText())
                .isEqualTo("COMPLETED");
        String base = "/batch/insurers/CITY-FUND/" + DAY;
        HttpResponse<String> totals = get(base + "/settlement/totals.tsv", CityTokens.insurer());
        HttpResponse<String> detail = get(base + "/settlement/detail.tsv", CityTokens.insurer());
        assertThat(totals.statusCode()).isEqualTo(200);
        assertThat(detail.body().lines()).hasSize(8);
        assertThat(get(base + "/settlement/detail.tsv", CityTokens.hospital("H002")).statusCode())
                .as("a hospital does not see the insurer's settlement").isEqualTo(403);
        assertThat(get("/batch/insurers/OTHER-FUND/" + DAY + "/settlement/detail.tsv", CityTokens.insurer())
                .statusCode()).as("nor an insurer another insurer's").isEqualTo(403);

        List<String> lines = detail.body().lines().toList();
        String changed = lines.get(0).substring(0, lines.get(0).indexOf('\t'));
        String statement = String.join("\n", lines).replaceFirst("\t70\\.00\t", "\t69.00\t") + "\n";
        HttpResponse<String> sent = postStatement(base + "/statement", totals.body(), statement);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        JsonNode done = city.awaitEnd(new ObjectMapper().readTree(sent.body()).path("id").asLong());
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("COMPLETED");

        JsonNode report = new ObjectMapper().readTree(get(base + "/reconciliation/discrepancies.json",
                CityTokens.insurer()).body());
        assertThat(report.path("matched").asInt()).isEqualTo(7);
        assertThat(report.path("discrepancies").get(0).path("settlementId").asText()).isEqualTo(changed);
        assertThat(report.path("discrepancies").get(0).path("kind").asText()).isEqualTo("AMOUNT_DIFFERS");
        assertThat(postStatement(base + "/statement", totals.body(), statement, CityTokens.hospital("H002"))
                .statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postStatement(String path, String totals, String detail) throws Exception {
        return postStatement(path, totals, detail, CityTokens.insurer());
    }

    private HttpResponse<String> postStatement(String path, String totals, String detail, String token) throws Exception {
        String boundary = "statement-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> part : Map.of("totals", totals, "detail", detail).entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.getKey()
                    + "\"; filename=\"" + part.getKey() + ".tsv\"\r\nContent-Type: text/tab-separated-values\r\n\r\n"
                    + part.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + environment.getRequiredProperty("local.server.port") + path);
    }
}
