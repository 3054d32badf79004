package org.onecity.hub;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onecity.common.identity.DemoIdentities;
import org.onecity.common.identity.Tokens;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's run command, end to end: the packaged hub starts embedded PostgreSQL, the object store and every
 * built service as real processes, loads the demo city, and keeps the data when it is stopped and started again.
 */
class HubRunCommandIT {

    private static final int OFFSET = 1000;
    private static final String FHIR = "http://127.0.0.1:" + (8080 + OFFSET) + "/fhir";
    private static final String BILLING = "http://127.0.0.1:" + (8082 + OFFSET) + "/billing";
    private static final String BATCH = "http://127.0.0.1:" + (8083 + OFFSET) + "/batch";
    private static final String DICOMWEB = "http://127.0.0.1:" + (8081 + OFFSET) + "/dicomweb";
    private static final String CITIZEN = "https://fhir.onecity.example/sid/citizen-id|37020219510102001X";
    /** The tag HAPI's MDM puts on a city patient (golden record). */
    private static final String GOLDEN = URLEncoder.encode(
            "http://hapifhir.io/fhir/NamingSystem/mdm-record-status|GOLDEN_RECORD", StandardCharsets.UTF_8);

    @TempDir
    Path data;
    private Process hub;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() throws InterruptedException {
        if (hub != null) {
            hub.destroy();
            hub.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void theHubRunsTheCityWithDemoDataAndKeepsItsDataAcrossARestart() throws Exception {
        startHub();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(FHIR + "/Patient")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("nothing without a token").isEqualTo(401);
        String zhangWei = "/Patient?identifier=" + URLEncoder.encode(CITIZEN, StandardCharsets.UTF_8);
        assertThat(count(zhangWei + "&_tag:not=" + GOLDEN)).as("Zhang Wei at two hospitals").isEqualTo(2);
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(count(zhangWei + "&_tag=" + GOLDEN)).as("and one city patient").isEqualTo(1));
        int observations = count("/Observation");
        assertThat(observations).isPositive();
        assertThat(get("/Observation?code=" + URLEncoder.encode("http://loinc.org|718-7", StandardCharsets.UTF_8),
                tokenCommand("zhang.wei")).body()).as("a patient's token from ./onecity token reads their own results")
                .contains("Observation/");
        String statement = billing("/cards/SC0000000001/statement", tokenCommand("zhang.wei"));
        assertThat(statement).as("Zhang Wei's card, registered by the demo load").contains("\"holderName\":\"Zhang Wei\"")
                .contains("\"exposure\":\"838.00\"");
        String settlement = runJob("insurer-settlement", tokenCommand("bureau-admin"));
        assertThat(settlement).as("the batch settles yesterday's bills (none in a new city)")
                .contains("\"status\":\"COMPLETED\"");
        assertThat(dicomWeb("/studies?PatientID=MRN-1", tokenCommand("bureau-admin")))
                .as("the demo CT, sent by H002's system through STOW-RS").contains(DemoImages.STUDY_UID);
        Awaitility.await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(count("/ImagingStudy?identifier=" + URLEncoder.encode("urn:dicom:uid|urn:oid:"
                        + DemoImages.STUDY_UID, StandardCharsets.UTF_8))).as("mirrored into the city record").isEqualTo(1));
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String log = get("/AuditEvent?_count=500", tokenCommand("zhang.wei")).body();
            assertThat(log).as("Zhang Wei's one access log: his statement read in billing, his CT listed in imaging")
                    .contains("OneCity billing").contains("OneCity imaging");
        });
        Process echo = new ProcessBuilder("echoscu", "-aet", "H001_PACS", "-aec", "ONECITY", "127.0.0.1",
                String.valueOf(11112 + OFFSET)).redirectErrorStream(true).start();
        assertThat(echo.waitFor(30, TimeUnit.SECONDS) && echo.exitValue() == 0).as("the DIMSE listener answers a PACS")
                .isTrue();

        everyServiceKilledComesBackAndFhirServerLosesNothingAcknowledged();

        String receipt = dischargeAndPayTheDemoStay();
        killTheWholeHub();
        startHub();

        String bill = receipt.replaceAll("(?s).*\"billId\":(\\d+).*", "$1");
        assertThat(billing("/bills/" + bill, tokenCommand("hospital-h002"))).as("the payment acknowledged before the crash")
                .contains("\"status\":\"PAID\"");

        assertThat(count("/Observation")).as("the same records after a restart, none duplicated")
                .isEqualTo(observations);
        assertThat(billing("/cards/SC0000000001", tokenCommand("zhang.wei"))).as("the demo stay paid before the crash: nothing owed, the charges not posted again")
                .contains("\"exposure\":\"0.00\"");
        assertThat(dicomWeb("/studies?PatientID=MRN-1", tokenCommand("bureau-admin"))).as("the demo CT, not doubled")
                .contains("\"00201208\":{\"vr\":\"IS\",\"Value\":[3]}");

        hub.destroy();
        assertThat(hub.waitFor(90, TimeUnit.SECONDS)).as("the hub stops on SIGTERM").isTrue();
        assertThat(hub.descendants().filter(ProcessHandle::isAlive).count()).as("and every process it started").isZero();
    }

    /** The demo stay at H002 discharged, its bill paid at the cashier; returns the receipt. */
    private String dischargeAndPayTheDemoStay() throws IOException, InterruptedException {
        String cashier = tokenCommand("hospital-h002");
        String visits = billing("/visits?hospitalVisitId=H002-STAY-DEMO-1", cashier);
        String visit = visits.replaceAll("(?s).*?\"id\"\\s*:\\s*(\\d+).*", "$1");
        HttpResponse<String> bill = post(BILLING + "/visits/" + visit + "/discharge", cashier, null, null);
        assertThat(bill.statusCode()).as(bill.body()).isIn(200, 201);
        String id = bill.body().replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1");
        String due = bill.body().replaceAll("(?s).*\"patient\":\"([0-9.]+)\".*", "$1");
        HttpResponse<String> paid = post(BILLING + "/bills/" + id + "/payments", cashier, "demo-stay-payment",
                "{\"amount\":\"" + due + "\",\"channel\":\"cashier\"}");
        assertThat(paid.statusCode()).as("the payment is acknowledged: " + paid.body()).isEqualTo(201);
        return paid.body();
    }

    /** kill -9 of the hub and of everything it started (services, embedded PostgreSQL), as a power cut would. */
    private void killTheWholeHub() throws InterruptedException {
        List<ProcessHandle> all = new java.util.ArrayList<>(hub.descendants().toList());
        all.add(hub.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : all) {
            process.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        assertThat(all.stream().filter(ProcessHandle::isAlive).count()).as("nothing of the hub left running").isZero();
    }

    private HttpResponse<String> post(String url, String token, String idempotencyKey, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Supervision: each service, killed with SIGKILL (fhir-server while a hospital keeps pushing), is started again by
     * the hub and serves within a minute; every push fhir-server acknowledged before the kill is there after it.
     */
    private void everyServiceKilledComesBackAndFhirServerLosesNothingAcknowledged() throws Exception {
        String[][] services = {{"imaging", "8081"}, {"billing", "8082"}, {"batch", "8083"}, {"fhir-server", "8080"}};
        for (String[] service : services) {
            long pid = pidOf(service[0]);
            Pusher pusher = service[0].equals("fhir-server") ? new Pusher(tokenCommand("hospital-h001")) : null;
            if (pusher != null) {
                pusher.start();
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pusher.acknowledged.size() >= 5);
            }
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            Instant killed = Instant.now();
            URI health = URI.create("http://127.0.0.1:" + (Integer.parseInt(service[1]) + OFFSET) + "/actuator/health");
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(pidOf(service[0])).as(service[0] + " started again").isNotEqualTo(pid);
                assertThat(status(health)).as(service[0] + " serves").isEqualTo(200);
                assertThat(Files.readString(data.resolve("hub-status.json"))).as("the hub says so").containsPattern(
                        "\"" + service[0] + "\": \\{\"pid\": \\d+, \"state\": \"running\", \"restarts\": 1}");
            });
            System.out.printf("%s back %d ms after kill -9%n", service[0], Duration.between(killed, Instant.now()).toMillis());
            for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
                assertThat(status(URI.create(health + probe.substring("/actuator/health".length()))))
                        .as(service[0] + " answers the platform's " + probe + " without a token").isEqualTo(200);
            }
            if (pusher != null) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pusher.acknowledgedAfter(killed) >= 5);
                pusher.stopPushing();
                for (String mrn : pusher.acknowledged.keySet()) {
                    assertThat(count("/Patient?identifier=https://fhir.onecity.example/sid/hospital/H001/mrn%7C" + mrn))
                            .as("acknowledged " + mrn + " is there, once").isEqualTo(1);
                }
            }
        }
    }

    private long pidOf(String service) throws IOException {
        Matcher pid = Pattern.compile("\"" + Pattern.quote(service) + "\": \\{\"pid\": (\\d+)")
                .matcher(Files.readString(data.resolve("hub-status.json")));
        assertThat(pid.find()).as("hub-status.json names " + service).isTrue();
        return Long.parseLong(pid.group(1));
    }

    private int status(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException notYet) {
            return -1;
        }
    }

    /** A hospital system pushing small histories one after another, as its integration engine does all day. */
    private final class Pusher extends Thread {
        final java.util.Map<String, Instant> acknowledged = new java.util.concurrent.ConcurrentHashMap<>();
        private final String token;
        private volatile boolean running = true;

        Pusher(String token) {
            this.token = token;
            setDaemon(true);
        }

        @Override
        public void run() {
            for (int n = 0; running; n++) {
                String mrn = "MRN-SUPERVISED-" + System.nanoTime() + "-" + n;
                String bundle = """
                        {"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:%s",
                         "resource":{"resourceType":"Patient","identifier":[
                           {"system":"https://fhir.onecity.example/sid/hospital/H001/mrn","value":"%s"},
                           {"system":"https://fhir.onecity.example/sid/insurance-card","value":"SCS%s"}],
                           "name":[{"family":"Supervised","given":["Push"]}],"gender":"female"},
                         "request":{"method":"POST","url":"Patient"}}]}"""
                        .formatted(java.util.UUID.randomUUID(), mrn, Long.toString(System.nanoTime()).substring(4));
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(FHIR))
                            .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/fhir+json")
                            .POST(HttpRequest.BodyPublishers.ofString(bundle)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        acknowledged.put(mrn, Instant.now());
                    }
                    Thread.sleep(100);
                } catch (IOException refusedWhileDown) {
                    sleepQuietly();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long acknowledgedAfter(Instant moment) {
            return acknowledged.values().stream().filter(at -> at.isAfter(moment)).count();
        }

        void stopPushing() throws InterruptedException {
            running = false;
            join(30_000);
        }

        private void sleepQuietly() {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String dicomWeb(String path, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(DICOMWEB + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    /** Starts a job of the batch with its default parameters and answers its status once it has ended. */
    private String runJob(String job, String token) throws IOException, InterruptedException {
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(BATCH + "/jobs/" + job + "/executions"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = started.body().replaceFirst("^\\{\"id\":(\\d+),.*$", "$1");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        String status = started.body();
        while (Instant.now().isBefore(deadline) && status.matches("(?s).*\"status\":\"(STARTING|STARTED)\".*")) {
            Thread.sleep(200);
            status = http.send(HttpRequest.newBuilder(URI.create(BATCH + "/executions/" + id))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
        return status;
    }

    private String billing(String path, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(BILLING + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private void startHub() throws IOException {
        hub = HubLauncher.start(Path.of("../..").toAbsolutePath().normalize(), data, OFFSET, Duration.ofMinutes(6));
    }

    /** What {@code ./onecity token <who>} runs, against this hub. */
    private String tokenCommand(String who) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", Path.of("target/onecity-hub.jar").toAbsolutePath().toString(),
                "-Dloader.main=org.onecity.hub.TokenCommand", "org.springframework.boot.loader.launch.PropertiesLauncher", who);
        builder.environment().put("ONECITY_PORT_OFFSET", String.valueOf(OFFSET));
        Process command = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String token = new String(command.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(command.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(command.exitValue()).as("./onecity token " + who).isZero();
        return token;
    }

    private HttpResponse<String> get(String query, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(FHIR + query))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private int count(String query) throws IOException, InterruptedException {
        String separator = query.contains("?") ? "&" : "?";
        DemoIdentities identities = DemoIdentities.load(DemoIdentities.DEFAULT);
        String token = new Tokens("http://localhost:" + (9090 + OFFSET)).forSystem("bureau-admin",
                identities.client("bureau-admin").orElseThrow().secret());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(FHIR + query + separator + "_summary=count"))
                        .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Matcher total = Pattern.compile("\"total\"\\s*:\\s*(\\d+)").matcher(response.body());
        assertThat(total.find()).isTrue();
        return Integer.parseInt(total.group(1));
    }
}
