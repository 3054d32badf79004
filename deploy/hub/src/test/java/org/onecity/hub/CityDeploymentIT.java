package org.onecity.hub;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onecity.common.embedded.Folders;
import org.onecity.common.embedded.JarProcess;
import org.onecity.common.identity.DemoIdentities;
import org.onecity.common.identity.Tokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The city as a platform runs it: two nodes each of fhir-server, imaging and billing on one PostgreSQL and one object
 * store, behind a real load balancer (HAProxy from Debian), the clients reaching the services only through it.
 * Payments spread over both billing nodes capture once; both imaging nodes drain the mirror's outbox and each
 * study is mirrored once; a fhir-server node killed with {@code kill -9} while hospitals push loses nothing they
 * were told was stored, and their retries make no duplicates.
 */
class CityDeploymentIT {

    private static final int OFFSET = 2000;
    private static final String MRN = "https://fhir.onecity.example/sid/hospital/H001/mrn";
    private static final List<String> SERVICES = List.of("fhir-server", "imaging", "billing");

    private static Path data;
    private static Infrastructure city;
    private static HubSettings settings;
    private static final Map<String, List<JarProcess>> nodes = new HashMap<>();
    private static final Map<String, List<Integer>> nodePorts = new HashMap<>();
    private static Process loadBalancer;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Tokens tokens;
    private static DemoIdentities identities;

    @BeforeAll
    static void startTheCity() throws Exception {
        data = Files.createTempDirectory(Path.of("target"), "city-deployment-");
        settings = new HubSettings(Path.of("../..").toAbsolutePath().normalize(), data, null, "postgres", "",
                15432 + OFFSET, null, "onecity-demo", "onecity-demo-secret", 9000 + OFFSET, "127.0.0.1", false, OFFSET,
                null, 9090 + OFFSET, DemoIdentities.DEFAULT);
        city = Infrastructure.start(settings);
        tokens = new Tokens(city.issuerUri());
        identities = DemoIdentities.load(DemoIdentities.DEFAULT);
        // the first fhir-server node makes the schema; the others start together once it has
        startNode("fhir-server", 0).awaitHealthy(health("fhir-server", 0), Duration.ofMinutes(5));
        List<String[]> rest = List.of(new String[] {"fhir-server", "1"}, new String[] {"imaging", "0"},
                new String[] {"imaging", "1"}, new String[] {"billing", "0"}, new String[] {"billing", "1"});
        for (String[] node : rest) {
            startNode(node[0], Integer.parseInt(node[1]));
        }
        for (String[] node : rest) {
            nodes.get(node[0]).get(Integer.parseInt(node[1])).awaitHealthy(health(node[0], Integer.parseInt(node[1])),
                    Duration.ofMinutes(6));
        }
        startLoadBalancer();
    }

    @AfterAll
    static void stopTheCity() throws Exception {
        if (loadBalancer != null) {
            loadBalancer.destroy();
            loadBalancer.waitFor(10, TimeUnit.SECONDS);
        }
        nodes.values().forEach(list -> list.forEach(JarProcess::close));
        if (city != null) {
            city.close();
        }
        Folders.delete(data);
    }

    @Test
    void fiftyPaymentsOfOneBillAtOnceOverBothBillingNodesCaptureItOnce() throws Exception {
        String bureau = system("bureau-admin");
        String cashier = system("hospital-h001");
        String card = String.format("SC9%09d", System.nanoTime() % 1_000_000_000L);
        send("PUT", billing("/cards/" + card), bureau, null, """
                {"citizenId":"37020219510102001X","holderName":"Zhang Wei","scheme":"EMPLOYEE","insurer":"CITY-FUND",
                 "creditLimit":20000,"personalBalance":0}""");
        String visit = id(send("POST", billing("/visits"), cashier, null, """
                {"cardNumber":"%s","kind":"OUTPATIENT","hospitalVisitId":"%s-V"}""".formatted(card, card)));
        send("POST", billing("/visits/" + visit + "/charges"), cashier, null, """
                {"lines":[{"chargeId":"%1$s-1","code":"110200002","quantity":1,"unitPrice":50},
                          {"chargeId":"%1$s-2","code":"250305001","quantity":1,"unitPrice":"60.50"}]}""".formatted(card));
        String bill = send("POST", billing("/visits/" + visit + "/discharge"), cashier, null, null);
        String billId = id(bill);
        String due = bill.replaceAll("(?s).*\"patient\":\"([0-9.]+)\".*", "$1");

        ExecutorService payers = Executors.newFixedThreadPool(50);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            // half of them one payer's double clicks (one key), half other devices (a key each); every other one
            // straight to the second billing node, the rest through the load balancer
            String key = i % 2 == 0 ? card + "-click" : card + "-device-" + i;
            String base = i % 4 == 1 ? "http://127.0.0.1:" + nodePorts.get("billing").get(1) + "/billing"
                    : billing("");
            answers.add(payers.submit(() -> request("POST", base + "/bills/" + billId + "/payments", cashier, key,
                    "{\"amount\":\"" + due + "\",\"channel\":\"cashier\"}")));
        }
        int created = 0;
        int repeated = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            int status = answer.get(2, TimeUnit.MINUTES).statusCode();
            created += status == 201 ? 1 : 0;
            repeated += status == 200 ? 1 : 0;
            assertThat(status).as("a payment is taken, repeated, or refused as already paid").isIn(200, 201, 409, 422);
        }
        payers.shutdown();

        assertThat(created).as("one capture").isEqualTo(1);
        String paid = send("GET", billing("/bills/" + billId), cashier, null, null);
        assertThat(paid).contains("\"status\":\"PAID\"");
        System.out.printf("50 payments of one bill: 1 captured, %d answered as that one again, %d refused%n", repeated,
                50 - created - repeated);
    }

    @Test
    void bothImagingNodesDrainTheMirrorAndEachStudyIsMirroredOnce() throws Exception {
        String h002 = system("hospital-h002");
        String bureau = system("bureau-admin");
        int studies = 12;
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < studies; i++) {
            String mrn = "MRN-LB-" + i;
            send("POST", fhir(""), h002, null, patientBundle("H002", mrn, "Deploy" + i));
            String study = "2.25." + (System.nanoTime() / 1000) + i;
            uids.add(study);
            HttpResponse<String> stored = request("POST", imaging("/dicomweb/studies"), h002, null,
                    DemoImages.ct(study, "ACC-LB-" + i, "Deploy^" + i, mrn, "H002", 1));
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        }

        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (String uid : uids) {
                assertThat(count(fhir("/ImagingStudy?identifier=urn:dicom:uid%7Curn:oid:" + uid), bureau))
                        .as("study " + uid + " in the city record").isEqualTo(1);
            }
        });
        double delivered = 0;
        for (int node = 0; node < 2; node++) {
            String metrics = send("GET", "http://127.0.0.1:" + nodePorts.get("imaging").get(node)
                    + "/actuator/prometheus", bureau, null, null);
            Matcher counter = Pattern.compile("onecity_imaging_mirror_delivered_total\\S* ([0-9.E]+)").matcher(metrics);
            assertThat(counter.find()).as("node " + node + " counts its deliveries").isTrue();
            delivered += Double.parseDouble(counter.group(1));
        }
        assertThat(delivered).as("each study written into the city record once, by one node or the other")
                .isEqualTo(studies);
    }

    @Test
    void aFhirServerNodeKilledWhileHospitalsPushLosesNothingAcknowledgedAndRetriesMakeNoDuplicates() throws Exception {
        String h001 = system("hospital-h001");
        Map<String, Instant> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean pushing = new AtomicBoolean(true);
        ExecutorService engines = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        for (int engine = 0; engine < 3; engine++) {
            int e = engine;
            running.add(engines.submit(() -> {
                for (int n = 0; pushing.get(); n++) {
                    String mrn = "MRN-KILL-" + e + "-" + n;
                    pushUntilAcknowledged(h001, mrn);
                    acknowledged.put(mrn, Instant.now());
                }
                return null;
            }));
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 15);
        JarProcess victim = nodes.get("fhir-server").get(1);
        victim.kill();
        Instant killed = Instant.now();
        Awaitility.await().atMost(Duration.ofSeconds(90))
                .until(() -> acknowledged.values().stream().filter(at -> at.isAfter(killed)).count() >= 15);
        pushing.set(false);
        for (Future<?> engine : running) {
            engine.get(2, TimeUnit.MINUTES);
        }
        engines.shutdown();

        String bureau = system("bureau-admin");
        for (String mrn : acknowledged.keySet()) {
            assertThat(count(fhir("/Patient?identifier=" + MRN + "%7C" + mrn), bureau))
                    .as("acknowledged " + mrn + " is there, once").isEqualTo(1);
        }
        System.out.printf("%d pushes acknowledged across a kill -9 of one of two fhir-server nodes%n",
                acknowledged.size());
        // the node comes back (as a platform restarts it) and rejoins behind the load balancer
        nodes.get("fhir-server").set(1, startNode("fhir-server", 1));
        nodes.get("fhir-server").get(1).awaitHealthy(health("fhir-server", 1), Duration.ofMinutes(5));
    }

    /** As a hospital's integration engine: the same conditional bundle again until it is acknowledged. */
    private static void pushUntilAcknowledged(String token, String mrn) throws InterruptedException {
        String bundle = patientBundle("H001", mrn, "Pushed");
        for (int attempt = 0; attempt < 60; attempt++) {
            try {
                HttpResponse<String> response = request("POST", fhir(""), token, null, bundle);
                if (response.statusCode() == 200) {
                    return;
                }
                assertThat(response.statusCode()).as(response.body()).isIn(429, 500, 502, 503, 504);
            } catch (IOException lost) {
                // the connection went with the node: the answer is unknown, so the same bundle again
            }
            Thread.sleep(500);
        }
        throw new AssertionError("The push of " + mrn + " was never acknowledged");
    }

    private static String patientBundle(String hospital, String mrn, String family) {
        String system = "https://fhir.onecity.example/sid/hospital/" + hospital + "/mrn";
        return """
                {"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:%s",
                 "resource":{"resourceType":"Patient","identifier":[{"system":"%s","value":"%s"},
                   {"system":"https://fhir.onecity.example/sid/insurance-card","value":"SCS%s"}],
                   "name":[{"family":"%s","given":["Test"]}],"gender":"female"},
                 "request":{"method":"POST","url":"Patient","ifNoneExist":"identifier=%s|%s"}}]}"""
                .formatted(java.util.UUID.randomUUID(), system, mrn, Math.abs(mrn.hashCode()), family, system, mrn);
    }

    private static JarProcess startNode(String service, int index) {
        ServiceSpec spec = ServiceSpec.named(settings, service);
        int port = spec.port() + 100 * (index + 1);
        nodePorts.computeIfAbsent(service, s -> new ArrayList<>(List.of(0, 0))).set(index, port);
        Map<String, String> environment = new HashMap<>(city.environmentFor(spec));
        environment.put("SERVER_PORT", String.valueOf(port));
        if (service.equals("imaging")) {
            environment.put("ONECITY_IMAGING_DIMSE_PORT", String.valueOf(11112 + OFFSET + 100 * (index + 1)));
            environment.put("ONECITY_IMAGING_SPOOL", data.resolve("imaging-spool-" + index).toString());
            environment.put("ONECITY_IMAGING_MIRROR_SETTLE", "PT1S");
            environment.put("ONECITY_IMAGING_MIRROR_INTERVAL", "PT1S");
        }
        JarProcess process = JarProcess.start(service + "-" + index, spec.jar(settings.home()), spec.heap(), environment,
                List.of(), data.resolve("logs").resolve(service + "-" + index + ".log"));
        List<JarProcess> list = nodes.computeIfAbsent(service, s -> new ArrayList<>());
        if (list.size() > index) {
            list.set(index, process);
        } else {
            list.add(process);
        }
        return process;
    }

    private static URI health(String service, int index) {
        return URI.create("http://127.0.0.1:" + nodePorts.get(service).get(index) + "/actuator/health");
    }

    /** HAProxy in front of each pair: round robin, a node out of rotation once its readiness fails. */
    private static void startLoadBalancer() throws Exception {
        StringBuilder config = new StringBuilder("""
                global
                    maxconn 2000
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 120s
                    timeout server 120s
                    retries 2
                    option redispatch
                    retry-on conn-failure empty-response
                """);
        for (String service : SERVICES) {
            ServiceSpec spec = ServiceSpec.named(settings, service);
            config.append("frontend ").append(service).append("\n    bind 127.0.0.1:").append(spec.port())
                    .append("\n    default_backend ").append(service).append("-nodes\n");
            config.append("backend ").append(service).append("-nodes\n    balance roundrobin\n")
                    .append("    option httpchk GET /actuator/health/readiness\n")
                    .append("    default-server inter 500ms fall 2 rise 2\n");
            for (int node = 0; node < 2; node++) {
                config.append("    server node").append(node).append(" 127.0.0.1:")
                        .append(nodePorts.get(service).get(node)).append(" check\n");
            }
        }
        Path file = data.resolve("haproxy.cfg");
        Files.writeString(file, config);
        loadBalancer = new ProcessBuilder("haproxy", "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(data.resolve("logs").resolve("haproxy.log").toFile()).start();
        for (String service : SERVICES) {
            URI through = URI.create(ServiceSpec.named(settings, service).url("127.0.0.1") + "/actuator/health");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                try {
                    return http.send(HttpRequest.newBuilder(through).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200;
                } catch (IOException notYet) {
                    return false;
                }
            });
        }
    }

    private static String fhir(String path) {
        return ServiceSpec.named(settings, "fhir-server").url("127.0.0.1") + "/fhir" + path;
    }

    private static String imaging(String path) {
        return ServiceSpec.named(settings, "imaging").url("127.0.0.1") + path;
    }

    private static String billing(String path) {
        return ServiceSpec.named(settings, "billing").url("127.0.0.1") + "/billing" + path;
    }

    private static String system(String client) {
        return tokens.forSystem(client, identities.client(client).orElseThrow().secret());
    }

    private static String id(String json) {
        return json.replaceAll("(?s).*?\"id\"\\s*:\\s*(\\d+).*", "$1");
    }

    private static int count(String search, String token) throws Exception {
        String bundle = send("GET", search + (search.contains("?") ? "&" : "?") + "_summary=count", token, null, null);
        Matcher total = Pattern.compile("\"total\"\\s*:\\s*(\\d+)").matcher(bundle);
        assertThat(total.find()).as(bundle).isTrue();
        return Integer.parseInt(total.group(1));
    }

    /** A request that must succeed; its body. */
    private static String send(String method, String url, String token, String key, String json) throws Exception {
        HttpResponse<String> response = request(method, url, token, key, json);
        assertThat(response.statusCode()).as(method + " " + url + ": " + response.body()).isBetween(200, 299);
        return response.body();
    }

    private static HttpResponse<String> request(String method, String url, String token, String key, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        if (body instanceof String json) {
            request.header("Content-Type", url.contains("/fhir") ? "application/fhir+json" : "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        } else if (body instanceof List<?> instances) {
            String boundary = "city-deployment";
            java.io.ByteArrayOutputStream multipart = new java.io.ByteArrayOutputStream();
            for (Object instance : instances) {
                multipart.writeBytes(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                multipart.writeBytes((byte[]) instance);
                multipart.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            multipart.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            request.header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                    .header("Accept", "application/dicom+json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(multipart.toByteArray()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
