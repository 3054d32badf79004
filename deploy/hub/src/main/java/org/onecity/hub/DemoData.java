package org.onecity.hub;

import org.onecity.common.identity.DemoIdentities;
import org.onecity.common.identity.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Pushes the demo city's records as the hospitals would: one transaction Bundle per file under {@code demo/}.
 * Pushes are idempotent, so the demo data is loaded again on every start without duplicating anything.
 */
final class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private DemoData() {
    }

    static void load(HubSettings settings, String issuerUri) throws IOException, InterruptedException {
        if (!settings.loadDemoData()) {
            return;
        }
        DemoIdentities identities = DemoIdentities.load(settings.identities());
        Tokens tokens = new Tokens(issuerUri);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI fhir = URI.create(ServiceSpec.named(settings, "fhir-server").url("127.0.0.1") + "/fhir");
        for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath:demo/*.json")) {
            String bundle;
            try (InputStream in = file.getInputStream()) {
                bundle = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            // each file is a hospital's push, named after the hospital: h001-....json is pushed by H001's system
            String client = "hospital-" + file.getFilename().substring(0, 4);
            String token = tokens.forSystem(client, identities.client(client).orElseThrow().secret());
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(fhir)
                    .header("Content-Type", "application/fhir+json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(bundle)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Demo data " + file.getFilename() + " was refused ("
                        + response.statusCode() + "): " + response.body());
            }
            log.info("Demo data {} pushed", file.getFilename());
        }
    }
}
