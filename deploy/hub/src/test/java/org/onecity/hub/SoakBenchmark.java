package org.onecity.hub;

import org.onecity.common.identity.DemoIdentities;
import org.onecity.common.identity.Tokens;

import java.io.ByteArrayOutputStream;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ./onecity bench soak}: the whole hub under a day's mixed load at once, for {@code -Dminutes} (30): hospitals
 * pushing patient histories of a few hundred resources, PACS storing CT studies by STOW-RS, doctors reading prior
 * results, patients paying their stay, and the insurer settlement every five minutes. It prints throughput, p50 and
 * p95 latency per kind of work (and p95 per five minutes, to see it stay flat), errors (refusals with Retry-After
 * counted apart), each service's peak heap and GC time, and restarts. It starts the packaged hub in a folder of its
 * own and removes it at the end.
 */
public final class SoakBenchmark {

    private static final int OFFSET = 3000;
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final String[] HOSPITALS = {"H001", "H002", "H003", "H004", "H005"};
    private static final Map<String, Integer> PORTS = Map.of("fhir-server", 8080, "imaging", 8081, "billing", 8082,
            "batch", 8083);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Work> work = new ConcurrentHashMap<>();
    private final Map<String, long[]> heap = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Instant start = Instant.now();
    private final Path data;
    private Tokens tokens;
    private DemoIdentities identities;

    private SoakBenchmark(Path data) {
        this.data = data;
    }

    /** Latencies and outcomes of one kind of work. */
    private static final class Work {
        final List<long[]> samples = new CopyOnWriteArrayList<>(); // {millis since start, latency ms}
        final Map<Integer, AtomicLong> errors = new ConcurrentHashMap<>();
        final AtomicLong busy = new AtomicLong();
    }

    public static void main(String[] args) throws Exception {
        int minutes = Integer.getInteger("minutes", 30);
        Path data = Files.createTempDirectory("onecity-soak");
        Process hub = startHub(data);
        try {
            new SoakBenchmark(data).run(Duration.ofMinutes(minutes));
        } finally {
            hub.destroy();
            if (!hub.waitFor(90, TimeUnit.SECONDS)) {
                hub.destroyForcibly().waitFor();
            }
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void run(Duration duration) throws Exception {
        identities = DemoIdentities.load(DemoIdentities.DEFAULT);
        tokens = new Tokens("http://localhost:" + (9090 + OFFSET));
        beginZhangWeisStayAtH002();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            threads.add(loop("hospital push", this::push));
        }
        threads.add(loop("PACS store", this::storeStudy));
        for (int i = 0; i < 2; i++) {
            threads.add(loop("doctor read", this::doctorReads));
        }
        threads.add(loop("patient pays a stay", this::payAStay));
        threads.add(loop("insurer settlement", this::settle, WINDOW.toMillis()));
        threads.add(loop("sampling", this::sample, 15_000));
        threads.forEach(Thread::start);
        Thread.sleep(duration.toMillis());
        running.set(false);
        threads.forEach(Thread::interrupt); // work cut off by the end is not counted
        for (Thread thread : threads) {
            thread.join(120_000);
        }
        report(duration);
    }

    /** A kind of work done over and over until the run ends; a work item returns its status. */
    private Thread loop(String name, Supplier<Integer> item) {
        return loop(name, item, 0);
    }

    /** Work done every so often: the wait before each item is not part of its latency. */
    private Thread loop(String name, Supplier<Integer> item, long waitBefore) {
        Work kind = work.computeIfAbsent(name, n -> new Work());
        Thread thread = new Thread(() -> {
            while (running.get()) {
                if (waitBefore > 0) {
                    pause(waitBefore);
                    if (!running.get()) {
                        break;
                    }
                }
                long began = System.nanoTime();
                int status;
                try {
                    status = item.get();
                } catch (RuntimeException e) {
                    status = -1;
                }
                long took = (System.nanoTime() - began) / 1_000_000;
                if (!running.get()) {
                    break;
                }
                if (status == 429 || status == 503) {
                    kind.busy.incrementAndGet();
                    pause(5_000);
                } else if (status >= 400 || status < 0) {
                    kind.errors.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                    pause(1_000);
                } else if (status > 0) {
                    kind.samples.add(new long[] {Duration.between(start, Instant.now()).toMillis(), took});
                }
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    // --- the work ---------------------------------------------------------------------------------------------

    private final AtomicLong people = new AtomicLong();
    /** The people whose history has landed, so that PACS studies name patients the city record knows. */
    private final List<Long> pushed = new CopyOnWriteArrayList<>();

    /** A hospital pushes a patient's history: the patient, 10 encounters, 300 results, 40 reports, 20 orders. */
    private int push() {
        long person = people.incrementAndGet();
        String hospital = HOSPITALS[(int) (person % HOSPITALS.length)];
        int status = post(fhir(""), system("hospital-" + hospital.toLowerCase()), "application/fhir+json",
                history(hospital, person).getBytes(StandardCharsets.UTF_8));
        if (status == 200) {
            pushed.add(person);
        }
        return status;
    }

    private static String history(String hospital, long person) {
        String ns = "https://fhir.onecity.example/sid/hospital/" + hospital + "/";
        StringBuilder entries = new StringBuilder();
        String patient = "urn:uuid:" + UUID.randomUUID();
        entries.append(entry(patient, "Patient", """
                {"resourceType":"Patient","identifier":[{"system":"%smrn","value":"SOAK-%d"},
                 {"system":"https://fhir.onecity.example/sid/insurance-card","value":"SK%010d"}],
                 "name":[{"family":"Soak","given":["Person%d"]}],"gender":"male","birthDate":"1970-01-01"}"""
                .formatted(ns, person, person, person)));
        Random random = new Random(person);
        for (int e = 0; e < 10; e++) {
            String encounter = "urn:uuid:" + UUID.randomUUID();
            entries.append(',').append(entry(encounter, "Encounter", """
                    {"resourceType":"Encounter","identifier":[{"system":"%sencounter","value":"SOAK-%d-%d"}],
                     "status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},
                     "subject":{"reference":"%s"},"period":{"start":"2026-%02d-10T09:00:00+08:00","end":"2026-%02d-10T10:00:00+08:00"}}"""
                    .formatted(ns, person, e, patient, 1 + e, 1 + e)));
            for (int o = 0; o < 30; o++) {
                entries.append(',').append(entry("urn:uuid:" + UUID.randomUUID(), "Observation", """
                        {"resourceType":"Observation","identifier":[{"system":"%slab-result","value":"SOAK-%d-%d-%d"}],
                         "status":"final","code":{"coding":[{"system":"http://loinc.org","code":"718-7"}]},
                         "subject":{"reference":"%s"},"encounter":{"reference":"%s"},
                         "effectiveDateTime":"2026-%02d-10T09:30:00+08:00",
                         "valueQuantity":{"value":%.1f,"unit":"g/dL","system":"http://unitsofmeasure.org","code":"g/dL"}}"""
                        .formatted(ns, person, e, o, patient, encounter, 1 + e, 11 + random.nextDouble() * 6)));
            }
            for (int r = 0; r < 4; r++) {
                entries.append(',').append(entry("urn:uuid:" + UUID.randomUUID(), "DiagnosticReport", """
                        {"resourceType":"DiagnosticReport","identifier":[{"system":"%sreport","value":"SOAK-%d-%d-%d"}],
                         "status":"final","code":{"coding":[{"system":"http://loinc.org","code":"58410-2"}]},
                         "subject":{"reference":"%s"},"effectiveDateTime":"2026-%02d-10T09:30:00+08:00",
                         "issued":"2026-%02d-10T12:00:00+08:00"}""".formatted(ns, person, e, r, patient, 1 + e, 1 + e)));
            }
            for (int s = 0; s < 2; s++) {
                entries.append(',').append(entry("urn:uuid:" + UUID.randomUUID(), "ServiceRequest", """
                        {"resourceType":"ServiceRequest","identifier":[{"system":"%sorder","value":"SOAK-%d-%d-%d"}],
                         "status":"completed","intent":"order","code":{"coding":[{"system":"http://loinc.org","code":"58410-2"}]},
                         "subject":{"reference":"%s"}}""".formatted(ns, person, e, s, patient)));
            }
        }
        return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + entries + "]}";
    }

    private static String entry(String fullUrl, String type, String resource) {
        return "{\"fullUrl\":\"" + fullUrl + "\",\"resource\":" + resource + ",\"request\":{\"method\":\"POST\",\"url\":\""
                + type + "\"}}";
    }

    private final AtomicLong studies = new AtomicLong();

    /** A PACS stores a new 10-slice CT study by STOW-RS, of a patient whose history its hospital has pushed. */
    private int storeStudy() {
        if (pushed.isEmpty()) {
            pause(1_000);
            return 0;
        }
        long number = studies.incrementAndGet();
        long person = pushed.get((int) (number % pushed.size()));
        String hospital = HOSPITALS[(int) (person % HOSPITALS.length)];
        String studyUid = "2.25." + (900_000_000_000L + number) + System.currentTimeMillis();
        List<byte[]> instances = DemoImages.ct(studyUid, "SOAK-" + number, "Soak^Person" + person, "SOAK-" + person,
                hospital, 10);
        String boundary = "soak-" + number;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] instance : instances) {
            body.writeBytes(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(instance);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return post(url("imaging", "/dicomweb/studies"), system("hospital-" + hospital.toLowerCase()),
                "multipart/related; type=\"application/dicom\"; boundary=" + boundary, body.toByteArray());
    }

    private volatile String cityPatient;

    /** H002 admits Zhang Wei (an Encounter in progress), so Dr Chen at H002 cares for him and reads his prior results. */
    private void beginZhangWeisStayAtH002() {
        String h002 = system("hospital-h002");
        String found = get(fhir("/Patient?identifier=https://fhir.onecity.example/sid/citizen-id%7C37020219510102001X"), h002);
        Matcher id = Pattern.compile("\"resourceType\"\\s*:\\s*\"Patient\"\\s*,\\s*\"id\"\\s*:\\s*\"(\\d+)\"").matcher(found);
        if (!id.find()) {
            throw new IllegalStateException("H002 has no record of Zhang Wei: " + found);
        }
        int admitted = post(fhir("/Encounter"), h002, "application/fhir+json", """
                {"resourceType":"Encounter","identifier":[{"system":"https://fhir.onecity.example/sid/hospital/H002/encounter",
                 "value":"SOAK-STAY"}],"status":"in-progress",
                 "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP"},
                 "subject":{"reference":"Patient/%s"},"period":{"start":"2026-12-01T09:00:00+08:00"}}"""
                .formatted(id.group(1)).getBytes(StandardCharsets.UTF_8));
        if (admitted != 201) {
            throw new IllegalStateException("H002 could not admit Zhang Wei: " + admitted);
        }
    }

    /** Dr Chen reads Zhang Wei's prior results across hospitals: $everything, then the haemoglobin trend. */
    private int doctorReads() {
        String token = person("dr.chen", "openid fhirUser user/*.rs");
        if (cityPatient == null) {
            String found = get(fhir("/Patient?identifier=https://fhir.onecity.example/sid/citizen-id%7C37020219510102001X"
                    + "&_tag=http://hapifhir.io/fhir/NamingSystem/mdm-record-status%7CGOLDEN_RECORD"), system("bureau-admin"));
            Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"(\\d+)\"").matcher(found);
            cityPatient = id.find() ? id.group(1) : null;
            if (cityPatient == null) {
                return -1;
            }
        }
        int everything = status(fhir("/Patient/" + cityPatient + "/$everything?_count=500"), token);
        if (everything != 200) {
            return everything;
        }
        return status(fhir("/Observation?patient=Patient/" + cityPatient + "&code=http://loinc.org%7C718-7&_sort=date"), token);
    }

    private final AtomicLong stays = new AtomicLong();

    /** H002 opens a stay on Zhang Wei's card, posts charges, discharges him; he pays once. */
    private int payAStay() {
        long stay = stays.incrementAndGet();
        String hospital = system("hospital-h002");
        String billing = url("billing", "/billing");
        String visit = send("POST", billing + "/visits", hospital, """
                {"cardNumber":"SC0000000001","kind":"OUTPATIENT","hospitalVisitId":"SOAK-%d-%d"}"""
                .formatted(stay, System.nanoTime()));
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(visit == null ? "" : visit);
        if (!id.find()) {
            return -1;
        }
        String charges = send("POST", billing + "/visits/" + id.group(1) + "/charges", hospital, """
                {"lines":[{"chargeId":"SOAK-%d-1","code":"110900001","quantity":1,"unitPrice":120},
                          {"chargeId":"SOAK-%d-2","code":"250101001","quantity":2,"unitPrice":25}]}""".formatted(stay, stay));
        String bill = send("POST", billing + "/visits/" + id.group(1) + "/discharge", hospital, "");
        Matcher billId = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(bill == null ? "" : bill);
        Matcher due = Pattern.compile("\"patient\"\\s*:\\s*\"([0-9.]+)\"").matcher(bill == null ? "" : bill);
        if (charges == null || !billId.find() || !due.find()) {
            return -1;
        }
        if (new java.math.BigDecimal(due.group(1)).signum() == 0) {
            return 200;
        }
        String patient = person("zhang.wei", "openid fhirUser patient/*.rs patient/PaymentNotice.c");
        try {
            HttpResponse<String> paid = http.send(HttpRequest.newBuilder(URI.create(billing + "/bills/" + billId.group(1)
                            + "/payments")).header("Authorization", "Bearer " + patient)
                    .header("Content-Type", "application/json").header("Idempotency-Key", "soak-" + stay + "-" + System.nanoTime())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":\"" + due.group(1) + "\",\"channel\":\"cashier\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return paid.statusCode() == 201 ? 200 : paid.statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private final AtomicLong settlements = new AtomicLong();

    /**
     * The bureau runs the insurer settlement every five minutes (a new run of yesterday's, as a re-run after a
     * correction would be), and waits for it to end: 504 when it has not ended in five minutes.
     */
    private int settle() {
        String token = system("bureau-admin");
        HttpResponse<String> started;
        try {
            started = http.send(HttpRequest.newBuilder(URI.create(url("batch", "/batch/jobs/insurer-settlement/executions")))
                    .timeout(Duration.ofMinutes(1)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"run\":\"soak-" + settlements.incrementAndGet() + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            return -1;
        }
        Matcher id = Pattern.compile("\\{\"id\":(\\d+)").matcher(started.body());
        if (started.statusCode() >= 300 || !id.find()) {
            System.err.println("The settlement did not start: " + started.statusCode() + " " + started.body());
            return started.statusCode() >= 300 ? started.statusCode() : -1;
        }
        for (int i = 0; i < 600 && running.get(); i++) {
            String status = get(url("batch", "/batch/executions/" + id.group(1)), token);
            if (status.contains("\"status\":\"COMPLETED\"")) {
                return 200;
            }
            if (status.contains("\"status\":\"FAILED\"")) {
                return 500;
            }
            pause(500);
        }
        return 504;
    }

    /** Every 15 s: each service's heap in use (its peak kept) and its GC time so far. */
    private int sample() {
        String token = system("bureau-admin");
        for (String service : PORTS.keySet()) {
            String used = get(url(service, "/actuator/metrics/jvm.memory.used?tag=area:heap"), token);
            String gc = get(url(service, "/actuator/metrics/jvm.gc.pause"), token);
            long[] figures = heap.computeIfAbsent(service, s -> new long[2]);
            figures[0] = Math.max(figures[0], (long) value(used, "VALUE"));
            figures[1] = (long) (value(gc, "TOTAL_TIME") * 1000);
        }
        return 0;
    }

    private static double value(String metric, String statistic) {
        Matcher m = Pattern.compile("\"statistic\"\\s*:\\s*\"" + statistic + "\"\\s*,\\s*\"value\"\\s*:\\s*([0-9.E+-]+)")
                .matcher(metric);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    // --- reporting ---------------------------------------------------------------------------------------------

    private void report(Duration duration) throws IOException {
        System.out.printf("%nSoak: %d minutes, the whole hub on one machine (%d cores)%n%n", duration.toMinutes(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("%-22s %8s %9s %9s %9s %8s %s%n", "work", "done", "per min", "p50 ms", "p95 ms", "busy", "errors");
        work.forEach((name, kind) -> {
            if (name.equals("sampling")) {
                return;
            }
            List<Long> latencies = kind.samples.stream().map(s -> s[1]).sorted().toList();
            System.out.printf("%-22s %8d %9.1f %9d %9d %8d %s%n", name, latencies.size(),
                    latencies.size() / (double) duration.toMinutes(), percentile(latencies, 50), percentile(latencies, 95),
                    kind.busy.get(), kind.errors);
            StringBuilder windows = new StringBuilder("   p95 by 5 minutes:");
            for (long from = 0; from < duration.toMillis(); from += WINDOW.toMillis()) {
                long lower = from;
                List<Long> window = kind.samples.stream().filter(s -> s[0] >= lower && s[0] < lower + WINDOW.toMillis())
                        .map(s -> s[1]).sorted().toList();
                windows.append(' ').append(percentile(window, 95));
            }
            System.out.println(windows);
        });
        System.out.printf("%n%-12s %14s %12s %9s%n", "service", "peak heap MB", "GC seconds", "restarts");
        String status = Files.readString(data.resolve("hub-status.json"));
        heap.forEach((service, figures) -> {
            Matcher restarts = Pattern.compile("\"" + Pattern.quote(service) + "\": \\{[^}]*\"restarts\": (\\d+)").matcher(status);
            System.out.printf("%-12s %14d %12.1f %9s%n", service, figures[0] / (1024 * 1024), figures[1] / 1000.0,
                    restarts.find() ? restarts.group(1) : "?");
        });
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    // --- plumbing ------------------------------------------------------------------------------------------------

    private final Map<String, String[]> tokenCache = new ConcurrentHashMap<>();

    private String system(String client) {
        return cached(client, () -> tokens.forSystem(client, identities.client(client).orElseThrow().secret()));
    }

    private String person(String user, String scopes) {
        return cached(user + scopes, () -> tokens.forPerson("onecity-app", "http://127.0.0.1/callback", user, "demo", scopes));
    }

    private String cached(String key, Supplier<String> obtain) {
        String[] entry = tokenCache.compute(key, (k, v) -> v != null && Long.parseLong(v[1]) > System.currentTimeMillis()
                ? v : new String[] {obtain.get(), String.valueOf(System.currentTimeMillis() + 120_000)});
        return entry[0];
    }

    private static String fhir(String path) {
        return url("fhir-server", "/fhir" + path);
    }

    private static String url(String service, String path) {
        return "http://127.0.0.1:" + (PORTS.get(service) + OFFSET) + path;
    }

    private int post(String url, String token, String contentType, byte[] body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                    .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private String send(String method, String url, String token, String json) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() < 300 ? response.body() : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    private String get(String url, String token) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    private int status(String url, String token) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Process startHub(Path data) throws IOException {
        Path home = Path.of(System.getProperty("onecity.home", ".")).toAbsolutePath().normalize();
        return HubLauncher.start(home, data, OFFSET, Duration.ofMinutes(8));
    }
}
