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
import java.util.Set;

/**
 * Pushes the demo city's records as the hospitals would: one transaction Bundle per file under {@code demo/}; then,
 * when billing runs, the bureau registers the demo patients' social insurance cards and H002 opens a pay-later stay
 * for Zhang Wei with its first charges. Every step is idempotent, so the demo data is loaded again on every start
 * without duplicating anything.
 */
final class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private DemoData() {
    }

    static void load(HubSettings settings, String issuerUri, Set<String> running) throws IOException, InterruptedException {
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
        if (running.contains("imaging")) {
            loadImages(settings, http, tokens.forSystem("hospital-h002",
                    identities.client("hospital-h002").orElseThrow().secret()));
        }
        if (running.contains("billing")) {
            URI billing = URI.create(ServiceSpec.named(settings, "billing").url("127.0.0.1") + "/billing");
            DemoAccount admin = new DemoAccount(http, billing, tokens.forSystem("bureau-admin",
                    identities.client("bureau-admin").orElseThrow().secret()));
            admin.send("PUT", "/cards/SC0000000001", """
                    {"citizenId":"37020219510102001X","holderName":"Zhang Wei","scheme":"EMPLOYEE","insurer":"CITY-FUND",
                     "creditLimit":20000,"personalBalance":1500}""");
            admin.send("PUT", "/cards/SC0000000002", """
                    {"citizenId":"370202195201030020","holderName":"Li Na","scheme":"RESIDENT","insurer":"CITY-FUND",
                     "creditLimit":10000,"personalBalance":0}""");
            DemoAccount h002 = new DemoAccount(http, billing, tokens.forSystem("hospital-h002",
                    identities.client("hospital-h002").orElseThrow().secret()));
            String visit = h002.send("POST", "/visits", """
                    {"cardNumber":"SC0000000001","kind":"INPATIENT","hospitalVisitId":"H002-STAY-DEMO-1"}""");
            String id = visit.replaceAll("(?s).*?\"id\"\\s*:\\s*(\\d+).*", "$1");
            h002.send("POST", "/visits/" + id + "/charges", """
                    {"lines":[{"chargeId":"H002-C-1","code":"110900001","quantity":3,"unitPrice":120},
                              {"chargeId":"H002-C-2","code":"250101001","quantity":1,"unitPrice":25},
                              {"chargeId":"H002-C-3","code":"210300001","quantity":1,"unitPrice":380},
                              {"chargeId":"H002-C-4","code":"XC10AA05","quantity":2,"unitPrice":36.5}]}""");
            log.info("Demo billing: cards SC0000000001 (Zhang Wei) and SC0000000002 (Li Na); visit {} open at H002", id);
        }
    }

    /** H002's PACS sends Zhang Wei's chest CT to the city store by STOW-RS (its system's token). */
    private static void loadImages(HubSettings settings, HttpClient http, String token)
            throws IOException, InterruptedException {
        String boundary = "onecity-demo";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (byte[] instance : DemoImages.zhangWeiChestCt()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(instance);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        URI stow = URI.create(ServiceSpec.named(settings, "imaging").url("127.0.0.1") + "/dicomweb/studies");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(stow)
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The demo CT was refused (" + response.statusCode() + "): " + response.body());
        }
        log.info("Demo images: Zhang Wei's chest CT at H002, study {}", DemoImages.STUDY_UID);
    }

    /** One caller of the billing API during the demo load. */
    private record DemoAccount(HttpClient http, URI billing, String token) {

        String send(String method, String path, String json) throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(billing + path))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("Demo billing " + method + " " + path + " was refused ("
                        + response.statusCode() + "): " + response.body());
            }
            return response.body();
        }
    }
}
