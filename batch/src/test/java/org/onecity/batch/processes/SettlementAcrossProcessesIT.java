package org.onecity.batch.processes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onecity.batch.support.BillingProcess;
import org.onecity.batch.support.CityBills;
import org.onecity.common.embedded.JarProcess;
import org.onecity.common.test.CityTokens;
import org.onecity.common.test.TestInfrastructure;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged batch as real processes: killed with SIGKILL in the middle of a settlement and restarted, and spread
 * over two worker processes of which one is killed mid-partition. Every bill ends settled exactly once, the ledger
 * agreeing to the fen.
 */
class SettlementAcrossProcessesIT {

    static final Path JAR = Path.of("target", "batch.jar");
    static final List<String> HOSPITALS = List.of("H001", "H002", "H003", "H004", "H005");
    static final int BILLS = 20_000;

    private final List<JarProcess> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private JdbcClient db;
    private CityBills bills;

    @AfterEach
    void stop() {
        processes.forEach(JarProcess::kill);
    }

    @Test
    void aSettlementKilledMidwayAndRestartedSettlesEveryBillExactlyOnce() throws Exception {
        LocalDate day = LocalDate.of(2026, 2, 2);
        String tag = seed(day);
        int port = BillingProcess.freePort();
        JarProcess batch = start("batch-killed", port, Map.of());

        long execution = startSettlement(port, day);
        awaitSettled(tag, BILLS / 5);
        batch.kill();
        long settledAtKill = settled(tag);
        assertThat(settledAtKill).as("killed mid-job").isLessThan(BILLS);

        start("batch-restarted", port, Map.of());
        JsonNode stale = get(port, "/batch/executions/" + execution);
        assertThat(stale.path("status").asText()).as("marked failed by the restarted service").isEqualTo("FAILED");
        JsonNode restarted = post(port, "/batch/executions/" + execution + "/restart");
        JsonNode done = awaitEnd(port, restarted.path("id").asLong());

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
        assertEverySettledOnce(tag, day);
    }

    @Test
    void partitionsSpreadOverTwoWorkersSurviveOneWorkerKilledMidPartition() throws Exception {
        LocalDate day = LocalDate.of(2026, 2, 3);
        String tag = seed(day);
        int managerPort = BillingProcess.freePort();
        start("manager", managerPort, Map.of("ONECITY_BATCH_PARTITIONS_MODE", "MANAGER"));
        Map<String, String> worker = Map.of("ONECITY_BATCH_PARTITIONS_MODE", "WORKER",
                "ONECITY_BATCH_SETTLEMENT_THREADS", "1");
        JarProcess first = start("worker-1", BillingProcess.freePort(), worker);
        start("worker-2", BillingProcess.freePort(), worker);

        long execution = startSettlement(managerPort, day);
        awaitSettled(tag, BILLS / 5);
        first.kill();
        assertThat(settled(tag)).as("killed mid-job").isLessThan(BILLS);
        start("worker-1-again", BillingProcess.freePort(), worker);
        JsonNode done = awaitEnd(managerPort, execution);

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.path("steps").findValuesAsText("name")).as("one partition per hospital")
                .filteredOn(name -> name.contains(":")).hasSize(HOSPITALS.size());
        assertEverySettledOnce(tag, day);
    }

    @Test
    void theCommandLineRunsAJobToItsEndAndSaysHowItWentInItsExitCode() throws Exception {
        seed(LocalDate.of(2026, 2, 4));
        assertThat(command("run", "insurer-settlement", "period=2026-02-04")).as("completed").isZero();
        assertThat(settledOn(LocalDate.of(2026, 2, 4))).isEqualTo(BILLS);
        assertThat(command("run", "insurer-settlement", "period=2026-02-04")).as("nothing run twice").isEqualTo(1);
        assertThat(command("run", "insurer-settlement", "period=someday")).as("a bad parameter").isEqualTo(1);
        assertThat(command("run")).as("no job named").isEqualTo(2);
    }

    private long settledOn(LocalDate day) {
        return db.sql("select count(*) from settlement where period = ?").param(day).query(Long.class).single();
    }

    private int command(String... arguments) throws Exception {
        TestInfrastructure.Database database = TestInfrastructure.database();
        List<String> line = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-jar", JAR.toString()));
        line.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "it-command.log").toFile()));
        builder.environment().putAll(Map.of(
                "SPRING_DATASOURCE_URL", database.url(BillingProcess.DATABASE),
                "SPRING_DATASOURCE_USERNAME", database.user(),
                "SPRING_DATASOURCE_PASSWORD", database.password(),
                "ONECITY_SECURITY_ISSUER_URI", TestInfrastructure.issuer().issuerUri(),
                "ONECITY_BATCH_FILES", "target/it-batch-files"));
        Process process = builder.start();
        assertThat(process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        return process.exitValue();
    }

    private String seed(LocalDate day) {
        TestInfrastructure.Database database = TestInfrastructure.database();
        BillingProcess.url();
        db = JdbcClient.create(new DriverManagerDataSource(database.url(BillingProcess.DATABASE) + "?options=-c%20search_path%3Dsettlement,billing",
                database.user(), database.password()));
        bills = new CityBills(null, db);
        return bills.seed(BILLS, day, HOSPITALS);
    }

    private JarProcess start(String name, int port, Map<String, String> more) {
        TestInfrastructure.Database database = TestInfrastructure.database();
        Map<String, String> environment = new HashMap<>(Map.of(
                "SPRING_DATASOURCE_URL", database.url(BillingProcess.DATABASE),
                "SPRING_DATASOURCE_USERNAME", database.user(),
                "SPRING_DATASOURCE_PASSWORD", database.password(),
                "ONECITY_SECURITY_ISSUER_URI", TestInfrastructure.issuer().issuerUri(),
                "SERVER_PORT", String.valueOf(port),
                "ONECITY_BATCH_FILES", "target/it-batch-files",
                "ONECITY_BATCH_SCHEDULING", "false",
                "ONECITY_BATCH_SETTLEMENT_CHUNK", "100"));
        environment.putAll(more);
        JarProcess process = JarProcess.start(name, JAR, "256m", environment, List.of(),
                Path.of("target", "it-" + name + ".log"));
        processes.add(process);
        process.awaitHealthy(URI.create("http://127.0.0.1:" + port + "/actuator/health"), Duration.ofMinutes(2));
        return process;
    }

    private long startSettlement(int port, LocalDate day) throws Exception {
        HttpResponse<String> response = http.send(request(port, "/batch/jobs/insurer-settlement/executions")
                .POST(HttpRequest.BodyPublishers.ofString("{\"period\":\"" + day + "\"}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json.readTree(response.body()).path("id").asLong();
    }

    private void assertEverySettledOnce(String tag, LocalDate day) {
        assertThat(settled(tag)).isEqualTo(BILLS);
        assertThat(db.sql("select count(*), count(distinct bill_id) from settlement where period = ?").param(day)
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2))).single())
                .containsExactly((long) BILLS, (long) BILLS);
        assertThat(db.sql("""
                        select count(*), coalesce(sum(p.debit_fen), 0) from ledger_posting p
                        join ledger_transaction t on t.id = p.transaction_id and t.kind = 'settlement'
                        join settlement s on s.settlement_id = t.reference
                        where s.period = ? and p.account like 'personal-account:%'""").param(day)
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2))).single())
                .as("each personal account debited once per bill, 20.00 yuan").containsExactly((long) BILLS, BILLS * 2_000L);
        assertThat(db.sql("select coalesce(sum(personal_held_fen), 0), coalesce(sum(1_000_000 - personal_balance_fen), 0) "
                        + "from card_account where card_number like ?").param(tag + "%")
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2))).single())
                .as("nothing held, each card debited exactly its bills").containsExactly(0L, BILLS * 2_000L);
    }

    private long settled(String tag) {
        return db.sql("select count(*) from bill where card_number like ? and claim_status = 'SETTLED'")
                .param(tag + "%").query(Long.class).single();
    }

    private void awaitSettled(String tag, long atLeast) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (settled(tag) < atLeast) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The settlement did not get to " + atLeast + " bills");
            }
            Thread.sleep(50);
        }
    }

    private JsonNode awaitEnd(int port, long execution) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = get(port, "/batch/executions/" + execution);
            if (!List.of("STARTING", "STARTED", "STOPPING").contains(status.path("status").asText())) {
                return status;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Execution " + execution + " did not end");
    }

    private JsonNode get(int port, String path) throws Exception {
        return json.readTree(http.send(request(port, path).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonNode post(int port, String path) throws Exception {
        HttpResponse<String> response = http.send(request(port, path).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json.readTree(response.body());
    }

    private HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + CityTokens.admin());
    }

}
