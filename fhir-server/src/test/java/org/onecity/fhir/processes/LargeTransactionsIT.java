package org.onecity.fhir.processes;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onecity.common.embedded.JarProcess;
import org.onecity.common.test.CityTokens;
import org.onecity.common.test.ServiceProcesses;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.HospitalFeed;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A night of catch-up: eight hospital pushes of a 20 MB, 10,000-entry history each, at once, into the city record
 * at its production heap of 1 GB. Room for them is taken by size and entries; what finds none is told to come back
 * (503 with Retry-After) and comes back, as a hospital's integration engine does. Every one lands, nothing is
 * duplicated, and the server is still serving at the end.
 */
class LargeTransactionsIT {

    private static final String DATABASE = "large_transactions";
    private static final int PUSHES = Integer.getInteger("pushes", 8);
    private static final HospitalFeed.Shape NIGHT = new HospitalFeed.Shape(100, 9000, 800, 0, 50, 48);
    private final List<JarProcess> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @AfterEach
    void stop() {
        processes.forEach(JarProcess::close);
    }

    @Test
    void eightHospitalsPushTwentyMegabyteHistoriesAtOnceAndEveryOneLandsOnce() throws Exception {
        int port = ServiceProcesses.freePort();
        Path log = Path.of("target", "it-large-transactions.log");
        Files.deleteIfExists(log);
        var environment = new java.util.HashMap<>(ServiceProcesses.environment(DATABASE, port));
        if (System.getProperty("gc.log") != null) {
            environment.put("JAVA_TOOL_OPTIONS", "-Xlog:gc:file=" + System.getProperty("gc.log"));
        }
        JarProcess fhirServer = JarProcess.start("fhir-server", Path.of("target", "fhir-server.jar"), "1g",
                environment, List.of(), log);
        processes.add(fhirServer);
        fhirServer.awaitHealthy(URI.create("http://127.0.0.1:" + port + "/actuator/health"), Duration.ofMinutes(5));
        String fhir = "http://127.0.0.1:" + port + "/fhir";

        ExecutorService hospitals = Executors.newFixedThreadPool(PUSHES);
        List<Future<Integer>> pushes = new ArrayList<>();
        for (int i = 0; i < PUSHES; i++) {
            String hospital = "H00" + (1 + i % 3);
            int person = 9200 + i;
            pushes.add(hospitals.submit(() -> push(fhir, hospital, person)));
        }
        List<Integer> retries = new ArrayList<>();
        for (Future<Integer> push : pushes) {
            retries.add(push.get());
        }
        hospitals.shutdown();

        assertThat(fhirServer.isAlive()).as("the server never died").isTrue();
        assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
        for (int i = 0; i < PUSHES; i++) {
            String hospital = "H00" + (1 + i % 3);
            assertThat(observationsOf(fhir, hospital, 9200 + i)).as("push " + i + " landed whole, once").isEqualTo(9000);
        }
        System.out.printf("%d pushes of %d entries landed; retries per push: %s%n", PUSHES, NIGHT.resources(), retries);
    }

    /** Pushes one history until the city record takes it, waiting as Retry-After says; answers the retries needed. */
    private int push(String fhir, String hospital, int person) throws Exception {
        Bundle history = new HospitalFeed(hospital).history(person, NIGHT);
        // the notes a laboratory system writes make it a 20 MB history
        String note = "Sample received intact; analysed on the automated line; reference range by age and sex. ".repeat(14);
        history.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Observation.class::isInstance).forEach(o -> ((Observation) o).addNote().setText(note));
        byte[] body = CityRecordClient.fhir().newJsonParser().encodeResourceToString(history).getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isGreaterThan(19_000_000);
        int retries = 0;
        while (true) {
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(URI.create(fhir))
                        .timeout(Duration.ofMinutes(10))
                        .header("Authorization", "Bearer " + CityTokens.hospital(hospital))
                        .header("Content-Type", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException dropped) {
                // a connection dropped before the answer: the push is idempotent, so it is simply sent again
                retries++;
                Thread.sleep(5_000);
                continue;
            }
            if (response.statusCode() == 200) {
                return retries;
            }
            assertThat(response.statusCode()).as(response.body()).isIn(429, 503);
            long wait = response.headers().firstValue("Retry-After").map(Long::parseLong).orElseThrow();
            retries++;
            Thread.sleep(wait * 1000);
        }
    }

    private int observationsOf(String fhir, String hospital, int person) throws Exception {
        String patient = search(fhir, "/Patient?identifier=https://fhir.onecity.example/sid/hospital/" + hospital
                + "/mrn%7CMRN-" + person).getEntryFirstRep().getResource().getIdElement().getIdPart();
        return search(fhir, "/Observation?subject=Patient/" + patient + "&_summary=count").getTotal();
    }

    private Bundle search(String fhir, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(fhir + path))
                .header("Authorization", "Bearer " + CityTokens.admin()).header("Accept", "application/fhir+json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (Bundle) CityRecordClient.fhir().newJsonParser().parseResource(response.body());
    }
}
