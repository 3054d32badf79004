package org.onecity.batch.processes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onecity.batch.support.BillingProcess;
import org.onecity.common.embedded.JarProcess;
import org.onecity.common.test.CityTokens;
import org.onecity.common.test.ServiceProcesses;
import org.onecity.common.test.TestInfrastructure;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hospital's history as Bulk Data NDJSON files into the real fhir-server, through the packaged batch: good lines
 * imported with their references resolved, bad lines in the error file with line number and reason, and an import
 * run again storing nothing twice.
 */
class HistoryImportIT {

    /** The files a test hands to the batch service; removed after it. */
    @TempDir
    Path folder;

    static final String MRN = "https://fhir.onecity.example/sid/hospital/H001/mrn";
    static final String ENCOUNTER = "https://fhir.onecity.example/sid/hospital/H001/encounter";
    static final String RESULT = "https://fhir.onecity.example/sid/hospital/H001/lab-result";

    /** One fhir-server for the class (it takes a minute to start); the restart test replaces it. */
    private static JarProcess fhirServer;
    private static int fhirPort;
    private final List<JarProcess> processes = new ArrayList<>();
    /** A folder of this run's own: error files of earlier runs must not count. */
    private final Path files = createFolder();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        processes.forEach(JarProcess::close);
    }

    @AfterAll
    static void stopFhirServer() {
        if (fhirServer != null) {
            fhirServer.close();
        }
    }

    private static synchronized int fhirServer() throws IOException {
        if (fhirServer == null) {
            fhirPort = BillingProcess.freePort();
            fhirServer = startFhirServer(fhirPort);
        }
        return fhirPort;
    }

    @Test
    void aHospitalsHistoryIsImportedWithBadLinesReportedAndAgainWithoutDuplicates() throws Exception {
        int fhirPort = fhirServer();
        int batchPort = BillingProcess.freePort();
        startBatch(batchPort, fhirPort);
        Path export = export();

        JsonNode first = run(batchPort, Map.of("hospital", "H001", "files", export.toString()));

        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("COMPLETED");
        assertThat(first.path("progress").path("skipped").asInt()).isEqualTo(4);
        String fhir = "http://127.0.0.1:" + fhirPort + "/fhir";
        assertThat(total(fhir, "Patient?identifier=" + token(MRN, "HIST-1"))).isEqualTo(1);
        assertThat(total(fhir, "Encounter?identifier=" + token(ENCOUNTER, "HIST-E1") + "&subject:Patient.identifier="
                + token(MRN, "HIST-1"))).as("its reference resolved to the imported patient").isEqualTo(1);
        assertThat(total(fhir, "Observation?identifier=" + token(RESULT, "HIST-O1") + "&encounter:Encounter.identifier="
                + token(ENCOUNTER, "HIST-E1"))).isEqualTo(1);
        assertThat(total(fhir, "Observation?identifier=" + token(RESULT, "HIST-O2"))).as("refused").isZero();
        Path errors = files.resolve("history").resolve("H001").resolve("errors-" + first.path("id").asText() + ".tsv");
        List<String> lines = Files.readAllLines(errors);
        assertThat(lines).hasSize(4);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Patient.ndjson\t2\t").contains("no identifier issued by H001"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Patient.ndjson\t3\t").contains("not a FHIR R4 resource"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Encounter.ndjson\t2\t").contains("Patient/p2"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Observation.ndjson\t2\t").contains("refused by the city record"));

        JsonNode again = run(batchPort, Map.of("hospital", "H001", "files", export.toString(), "run", "2"));

        assertThat(again.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(total(fhir, "Patient?identifier=" + token(MRN, "HIST-1"))).as("nothing twice").isEqualTo(1);
        assertThat(total(fhir, "Observation?identifier=" + token(RESULT, "HIST-O1"))).isEqualTo(1);
        assertThat(total(fhir, "Observation?identifier=" + token(RESULT, "HIST-O1") + "&_include=Observation:subject"))
                .isEqualTo(1);
    }

    @Test
    void anImportStoppedByTheCityRecordGoingDownGoesOnWhereItStoppedWhenRestarted() throws Exception {
        int fhirPort = fhirServer();
        int batchPort = BillingProcess.freePort();
        startBatch(batchPort, fhirPort);
        Path export = Files.createDirectories(folder.resolve("h001-long-history"));
        Files.writeString(export.resolve("Patient.ndjson"), "{\"resourceType\":\"Patient\",\"id\":\"p9\",\"identifier\":"
                + "[{\"system\":\"" + MRN + "\",\"value\":\"HIST-9\"},{\"system\":\"https://fhir.onecity.example/sid/"
                + "citizen-id\",\"value\":\"370202196001090090\"}],\"gender\":\"male\",\"birthDate\":\"1960-01-09\"}\n");
        StringBuilder results = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            results.append("{\"resourceType\":\"Observation\",\"id\":\"r").append(i).append("\",\"identifier\":[{\"system\":\"")
                    .append(RESULT).append("\",\"value\":\"HIST-R").append(i).append("\"}],\"status\":\"final\",\"code\":")
                    .append("{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2345-7\"}]},\"subject\":")
                    .append("{\"reference\":\"Patient/p9\"},\"effectiveDateTime\":\"2018-01-01T01:00:00+00:00\",")
                    .append("\"valueQuantity\":{\"value\":").append(i).append(",\"unit\":\"mmol/L\",\"system\":")
                    .append("\"http://unitsofmeasure.org\",\"code\":\"mmol/L\"}}\n");
        }
        Files.writeString(export.resolve("Observation.ndjson"), results);
        String fhir = "http://127.0.0.1:" + fhirPort + "/fhir";
        String ofPatient = "Observation?subject:Patient.identifier=" + token(MRN, "HIST-9");

        long id = start(batchPort, Map.of("hospital", "H001", "files", export.toString()));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (count(fhir, ofPatient) < 30) {
            assertThat(Instant.now()).as("the import got going").isBefore(deadline);
            Thread.sleep(100);
        }
        fhirServer.kill();
        JsonNode failed = await(batchPort, id);
        assertThat(failed.path("status").asText()).as(failed.toString()).isEqualTo("FAILED");
        long committed = failed.path("progress").path("written").asLong();
        assertThat(committed).as("some chunks were committed").isPositive();

        fhirServer = startFhirServer(fhirPort);
        HttpResponse<String> restart = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + batchPort
                        + "/batch/executions/" + id + "/restart")).header("Authorization", "Bearer " + CityTokens.admin())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(restart.statusCode()).as(restart.body()).isEqualTo(202);
        JsonNode done = await(batchPort, json.readTree(restart.body()).path("id").asLong());

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.path("progress").path("read").asLong()).as("went on after the committed chunks")
                .isEqualTo(301 - committed);
        assertThat(count(fhir, ofPatient)).as("every result, once").isEqualTo(300);
    }

    private static Path createFolder() {
        try {
            return Files.createTempDirectory(Path.of("target"), "it-history-files");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path export() throws IOException {
        Path folder = Files.createDirectories(this.folder.resolve("h001-history"));
        Files.writeString(folder.resolve("Organization.ndjson"), """
                {"resourceType":"Organization","id":"org1","identifier":[{"system":"https://fhir.onecity.example/sid/hospital-code","value":"H001"}],"active":true,"name":"Hospital H001"}
                """);
        Files.writeString(folder.resolve("Patient.ndjson"), """
                {"resourceType":"Patient","id":"p1","identifier":[{"system":"%1$s","value":"HIST-1"},{"system":"https://fhir.onecity.example/sid/citizen-id","value":"370202196001010011"}],"name":[{"family":"Sun","given":["Li"]}],"gender":"female","birthDate":"1960-01-01","managingOrganization":{"reference":"Organization/org1"}}
                {"resourceType":"Patient","id":"p2","identifier":[{"system":"https://fhir.onecity.example/sid/citizen-id","value":"370202196001010022"}],"gender":"male"}
                {"resourceType":"Patient","id":"p3", "name": [
                """.formatted(MRN));
        Files.writeString(folder.resolve("Encounter.ndjson"), """
                {"resourceType":"Encounter","id":"e1","identifier":[{"system":"%1$s","value":"HIST-E1"}],"status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},"subject":{"reference":"Patient/p1"},"period":{"start":"2019-05-02T01:00:00+00:00","end":"2019-05-02T02:00:00+00:00"},"serviceProvider":{"reference":"Organization/org1"}}
                {"resourceType":"Encounter","id":"e2","identifier":[{"system":"%1$s","value":"HIST-E2"}],"status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},"subject":{"reference":"Patient/p2"}}
                """.formatted(ENCOUNTER));
        Files.writeString(folder.resolve("Observation.ndjson"), """
                {"resourceType":"Observation","id":"o1","identifier":[{"system":"%1$s","value":"HIST-O1"}],"status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],"code":{"coding":[{"system":"http://loinc.org","code":"718-7","display":"Hemoglobin [Mass/volume] in Blood"}]},"subject":{"reference":"Patient/p1"},"encounter":{"reference":"Encounter/e1"},"effectiveDateTime":"2019-05-02T01:30:00+00:00","valueQuantity":{"value":131,"unit":"g/L","system":"http://unitsofmeasure.org","code":"g/L"}}
                {"resourceType":"Observation","id":"o2","identifier":[{"system":"%1$s","value":"HIST-O2"}],"status":"final","code":{"coding":[{"system":"http://loinc.org","code":"718-7"}]},"subject":{"reference":"Patient/p1"},"effectiveDateTime":"2019-05-02T01:30:00+00:00"}
                """.formatted(RESULT));
        return folder;
    }

    private static JarProcess startFhirServer(int port) {
        return ServiceProcesses.fhirServer("history_fhir", port, Path.of("target", "it-history-fhir-server.log"));
    }

    private void startBatch(int port, int fhirPort) {
        TestInfrastructure.Database database = TestInfrastructure.database();
        JarProcess batch = JarProcess.start("batch", Path.of("target", "batch.jar"), "256m",
                Map.of("SPRING_DATASOURCE_URL", database.url("history_batch"),
                        "SPRING_DATASOURCE_USERNAME", database.user(),
                        "SPRING_DATASOURCE_PASSWORD", database.password(),
                        "ONECITY_SECURITY_ISSUER_URI", TestInfrastructure.issuer().issuerUri(),
                        "SERVER_PORT", String.valueOf(port),
                        "ONECITY_BATCH_FILES", files.toString(),
                        "ONECITY_BATCH_SCHEDULING", "false",
                        "ONECITY_FHIR_SERVER_URL", "http://127.0.0.1:" + fhirPort + "/fhir"),
                List.of("--onecity.batch.history.clients.H001.id=hospital-h001",
                        "--onecity.batch.history.clients.H001.secret=h001-demo-secret",
                        "--onecity.batch.history.chunk=3"),
                Path.of("target", "it-history-batch.log"));
        processes.add(batch);
        batch.awaitHealthy(URI.create("http://127.0.0.1:" + port + "/actuator/health"), Duration.ofMinutes(2));
    }

    private JsonNode run(int port, Map<String, String> parameters) throws Exception {
        return await(port, start(port, parameters));
    }

    private long start(int port, Map<String, String> parameters) throws Exception {
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/batch/jobs/history-import/executions"))
                .header("Authorization", "Bearer " + CityTokens.admin()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(parameters))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return json.readTree(started.body()).path("id").asLong();
    }

    private JsonNode await(int port, long id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/batch/executions/" + id)).header("Authorization", "Bearer " + CityTokens.admin()).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (!List.of("STARTING", "STARTED").contains(status.path("status").asText())) {
                return status;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The import did not end");
    }

    /** The number of matches over every page of the search. */
    private int count(String fhir, String query) throws Exception {
        int matches = 0;
        String next = fhir + "/" + query + "&_count=100";
        while (next != null) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(next))
                    .header("Authorization", "Bearer " + CityTokens.hospital("H001"))
                    .header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode bundle = json.readTree(response.body());
            matches += bundle.path("entry").size();
            next = null;
            for (JsonNode link : bundle.path("link")) {
                if ("next".equals(link.path("relation").asText())) {
                    next = link.path("url").asText();
                }
            }
        }
        return matches;
    }

    private int total(String fhir, String query) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(fhir + "/" + query))
                .header("Authorization", "Bearer " + CityTokens.hospital("H001"))
                .header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode bundle = json.readTree(response.body());
        int matches = 0;
        for (JsonNode entry : bundle.path("entry")) {
            if (!"include".equals(entry.path("search").path("mode").asText())) {
                matches++;
            }
        }
        return matches;
    }

    private static String token(String system, String value) {
        return URLEncoder.encode(system + "|" + value, StandardCharsets.UTF_8);
    }

}
