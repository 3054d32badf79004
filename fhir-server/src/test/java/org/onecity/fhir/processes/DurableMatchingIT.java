package org.onecity.fhir.processes;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.embedded.JarProcess;
import org.onecity.common.test.CityTokens;
import org.onecity.common.test.ServiceProcesses;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.HospitalFeed;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Patient committed just before the server dies is matched once it is back: being due for matching commits with the
 * Patient, and the server hands what is due to matching again when it starts.
 */
class DurableMatchingIT {

    private static final String DATABASE = "durable_matching";
    private final List<JarProcess> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(JarProcess::close);
    }

    @Test
    void aPatientCommittedJustBeforeAKillIsMatchedAfterTheRestart() {
        int port = ServiceProcesses.freePort();
        // matching is held back for an hour, so the kill falls between the commit and the matching
        JarProcess first = start(port, "--onecity.fhir.city-patient.matching-interval=1h");
        String fhir = "http://127.0.0.1:" + port + "/fhir";
        int person = 9101;
        Bundle pushed = client(fhir, CityTokens.hospital("H001")).transaction()
                .withBundle(new HospitalFeed("H001").history(person, HospitalFeed.Shape.SMALL)).execute();
        String patient = pushed.getEntry().stream().map(e -> e.getResponse().getLocation())
                .filter(l -> l.startsWith("Patient/")).findFirst().orElseThrow().split("/")[1];
        first.kill();

        start(port, "--onecity.fhir.city-patient.resubmit-after=2s");

        IGenericClient bureau = client(fhir, CityTokens.admin());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Parameters links = bureau.operation().onServer().named("$mdm-query-links")
                    .withParameter(Parameters.class, "resourceId", new StringType("Patient/" + patient))
                    .useHttpGet().execute();
            return links.getParameter().stream().anyMatch(p -> "link".equals(p.getName()) && p.getPart().stream()
                    .anyMatch(part -> "matchResult".equals(part.getName()) && "MATCH".equals(part.getValue().primitiveValue())));
        });
        assertThat(bureau.search().byUrl("Patient?identifier=" + CityIdentifiers.CITIZEN_ID + "|"
                        + HospitalFeed.citizenId(person) + "&_tag=" + GOLDEN)
                .returnBundle(Bundle.class).execute().getEntry()).as("one city patient").hasSize(1);
    }

    private static final String GOLDEN = "http://hapifhir.io/fhir/NamingSystem/mdm-record-status|GOLDEN_RECORD";

    private JarProcess start(int port, String... arguments) {
        JarProcess process = JarProcess.start("fhir-server", Path.of("target", "fhir-server.jar"), "1g",
                ServiceProcesses.environment(DATABASE, port), List.of(arguments),
                Path.of("target", "it-durable-matching-" + processes.size() + ".log"));
        processes.add(process);
        process.awaitHealthy(URI.create("http://127.0.0.1:" + port + "/actuator/health"), Duration.ofMinutes(5));
        return process;
    }

    private static IGenericClient client(String fhir, String token) {
        IGenericClient client = CityRecordClient.fhir().newRestfulGenericClient(fhir);
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return client;
    }
}
