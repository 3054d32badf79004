package org.onecity.fhir.benchmark;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.HospitalFeed;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Hospitals pushing patient histories into the city record, measured: the OneCity fhir-server against HAPI's
 * default configuration (same HAPI, same jar with the {@code hapi-defaults} profile), each in its own JVM with
 * a 1 GB heap, on the same PostgreSQL server (one fresh database each), in the same run.
 * <p>
 * Every patient is one transaction Bundle of conditional updates on business identifiers, as a hospital's system
 * sends them with its access token from the embedded issuer. Prints resources/s and per-bundle p50/p95 latency,
 * then the ratio. Profiles: {@code hapi-defaults}, {@code onecity}, {@code onecity-unsecured} (no authorization,
 * consent checks or access log: what security costs).
 * <p>
 * Each configuration is measured in several rounds after a warm-up and fresh planner statistics; the median round
 * is reported.
 * Run: {@code ./onecity bench fhir-ingest} (system properties: patients per round, rounds, warmup, concurrency).
 */
public final class IngestBenchmark {

    private static final String[] HOSPITALS = {"H001", "H002", "H003"};

    /** A transaction Bundle (JSON) and the hospital whose system pushes it. */
    record Push(String hospital, String bundle) {
    }

    record Result(String name, int bundles, int resources, double seconds, double p50, double p95, int retries) {
        double resourcesPerSecond() {
            return resources / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        int patients = Integer.getInteger("patients", 120);
        int warmup = Integer.getInteger("warmup", 300);
        int concurrency = Integer.getInteger("concurrency", 4);
        Path jar = Path.of(System.getProperty("jar", "target/fhir-server.jar")).toAbsolutePath();
        HospitalFeed.Shape shape = HospitalFeed.Shape.BENCHMARK;

        System.out.printf("Ingest benchmark: %d rounds of %d patients (+%d warm-up) of %d resources each, %d concurrent "
                + "hospital connections, server heap 1 GB, %d cores%n", Integer.getInteger("rounds", 5), patients, warmup,
                shape.resources(), concurrency, Runtime.getRuntime().availableProcessors());
        List<Push> warmupBundles = bundles(0, warmup, shape);
        int rounds = Integer.getInteger("rounds", 5);
        List<List<Push>> measuredRounds = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            measuredRounds.add(bundles(10_000 + round * patients, patients, shape));
        }

        try (BenchmarkCity city = new BenchmarkCity(jar)) {
            Function<String, String> tokens = hospital -> city.systemToken("hospital-" + hospital.toLowerCase());
            List<Result> results = new ArrayList<>();
            for (String configuration : System.getProperty("profiles", "hapi-defaults,onecity-unsecured,onecity").split(",")) {
                try (BenchmarkCity.Server server = city.start(configuration)) {
                    // the hospitals' Organizations are created once, by one push each, as in a city already running
                    push(server.fhir(), warmupBundles.subList(0, HOSPITALS.length), 1, configuration + " first pushes", shape, tokens);
                    push(server.fhir(), warmupBundles.subList(HOSPITALS.length, warmupBundles.size()), concurrency,
                            configuration + " warm-up", shape, tokens);
                    city.analyze(configuration);
                    List<Result> measured = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        Result result = push(server.fhir(), measuredRounds.get(round), concurrency,
                                configuration + " #" + (round + 1), shape, tokens);
                        print(result);
                        measured.add(result);
                    }
                    measured.sort(Comparator.comparingDouble(Result::resourcesPerSecond));
                    results.add(measured.get(measured.size() / 2));
                }
            }
            System.out.println();
            results.forEach(r -> System.out.printf("median round of %-16s %7.0f resources/s, bundle p50 %5.0f ms, p95 %5.0f ms%n",
                    r.name(), r.resourcesPerSecond(), r.p50(), r.p95()));
            ratio(results, "onecity", "hapi-defaults", "OneCity / HAPI defaults");
            ratio(results, "onecity-unsecured", "hapi-defaults", "OneCity without security / HAPI defaults");
            ratio(results, "onecity", "onecity-unsecured", "OneCity with security / without");
        }
    }

    /** One bundle per patient, alternating hospitals, each entry a conditional update on its business identifier. */
    static List<Push> bundles(int firstPerson, int count, HospitalFeed.Shape shape) {
        List<Push> bundles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bundles.add(historyOf(HOSPITALS[i % HOSPITALS.length], firstPerson + i, shape));
        }
        return bundles;
    }

    static Push historyOf(String hospital, int person, HospitalFeed.Shape shape) {
        Bundle bundle = new HospitalFeed(hospital).history(person, shape);
        asConditionalUpdates(bundle, hospital);
        return new Push(hospital, CityRecordClient.fhir().newJsonParser().encodeResourceToString(bundle));
    }

    static void asConditionalUpdates(Bundle bundle, String hospital) {
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Identifier identifier = businessIdentifier(entry.getResource(), hospital);
            entry.getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(entry.getResource().fhirType()
                    + "?identifier=" + identifier.getSystem() + "|" + identifier.getValue());
        }
    }

    private static Identifier businessIdentifier(Resource resource, String hospital) {
        if (resource instanceof DocumentReference document) {
            return document.getMasterIdentifier();
        }
        @SuppressWarnings("unchecked")
        List<Identifier> identifiers = (List<Identifier>) (List<?>)
                resource.getNamedProperty("identifier").getValues();
        return identifiers.stream().filter(i -> i.getSystem().equals(CityIdentifiers.HOSPITAL_CODE)
                || i.getSystem().startsWith(CityIdentifiers.hospitalNamespace(hospital))).findFirst().orElseThrow();
    }

    /** @param tokens a hospital system's access token by hospital code, obtained once per round */
    static Result push(URI fhir, List<Push> bundles, int concurrency, String name, HospitalFeed.Shape shape,
            Function<String, String> tokens) throws Exception {
        FreshTokens tokenByHospital = new FreshTokens(tokens);
        bundles.stream().map(Push::hospital).distinct().forEach(tokenByHospital::get);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < bundles.size(); i = next.getAndIncrement()) {
                    String hospital = bundles.get(i).hospital();
                    long t0 = System.nanoTime();
                    HttpRequest request = HttpRequest.newBuilder(fhir)
                            .header("Content-Type", "application/fhir+json")
                            .header("Prefer", "return=minimal")
                            .header("Authorization", "Bearer " + tokenByHospital.get(hospital))
                            .header("X-Request-Source", CityIdentifiers.HOSPITAL_SOURCE_PREFIX + hospital)
                            .timeout(Duration.ofMinutes(2))
                            .POST(HttpRequest.BodyPublishers.ofString(bundles.get(i).bundle())).build();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    // a well-behaved client retries a push that lost a race (409); pushes are idempotent
                    for (int attempt = 0; response.statusCode() == 409 && attempt < 5; attempt++) {
                        retries.incrementAndGet();
                        response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    }
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(name + ": bundle " + i + " refused (" + response.statusCode()
                                + "): " + response.body().substring(0, Math.min(500, response.body().length())));
                    }
                    latencies.add((System.nanoTime() - t0) / 1e6);
                }
                return null;
            }));
        }
        try {
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(name, bundles.size(), bundles.size() * shape.resources(), seconds,
                BenchmarkCity.percentile(sorted, 0.50), BenchmarkCity.percentile(sorted, 0.95), retries.get());
    }

    /** Tokens live five minutes; a long load asks for a new one a minute before that. */
    static final class FreshTokens {
        private final Function<String, String> issue;
        private final Map<String, String> tokens = new HashMap<>();
        private final Map<String, Long> issuedAt = new HashMap<>();

        FreshTokens(Function<String, String> issue) {
            this.issue = issue;
        }

        synchronized String get(String hospital) {
            Long at = issuedAt.get(hospital);
            if (at == null || System.nanoTime() - at > Duration.ofMinutes(4).toNanos()) {
                tokens.put(hospital, issue.apply(hospital));
                issuedAt.put(hospital, System.nanoTime());
            }
            return tokens.get(hospital);
        }
    }

    private static void ratio(List<Result> results, String measured, String baseline, String label) {
        Optional<Result> a = results.stream().filter(r -> r.name().startsWith(measured + " #")).findFirst();
        Optional<Result> b = results.stream().filter(r -> r.name().startsWith(baseline + " #")).findFirst();
        if (a.isPresent() && b.isPresent()) {
            System.out.printf("Ratio %s: %.2fx resources/s%n", label, a.get().resourcesPerSecond() / b.get().resourcesPerSecond());
        }
    }

    private static void print(Result r) {
        System.out.printf("%-14s %5d bundles %7d resources in %6.1f s: %7.0f resources/s, bundle p50 %5.0f ms, "
                + "p95 %5.0f ms, client retries %d%n", r.name(), r.bundles(), r.resources(), r.seconds(),
                r.resourcesPerSecond(), r.p50(), r.p95(), r.retries());
    }
}
