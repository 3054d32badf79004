package org.onecity.fhir.benchmark;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.HospitalFeed;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A doctor reading patients' records, measured with the city's authorization, consent checks and access log
 * ({@code onecity}) and without them ({@code onecity-unsecured}), on the same data, in the same run: what security
 * costs a reader. Each patient has a history at H001 and is in hospital at H002 now, where Dr Chen reads:
 * {@code Patient/{id}/$everything} and a lab trend ({@code Observation?subject=...&code=LOINC&_sort=date}).
 * <p>
 * Run: {@code ./onecity bench fhir-read} (system properties: patients, rounds, warmup).
 */
public final class ReadBenchmark {

    private static final Pattern LOCATION = Pattern.compile("\"location\"\\s*:\\s*\"(Patient/[^/\"]+)");

    public static void main(String[] args) throws Exception {
        int patients = Integer.getInteger("patients", 60);
        int rounds = Integer.getInteger("rounds", 5);
        int warmup = Integer.getInteger("warmup", 2);
        Path jar = Path.of(System.getProperty("jar", "target/fhir-server.jar")).toAbsolutePath();
        System.out.printf("Read benchmark: %d patients of %d resources, %d rounds after %d warm-up rounds, one reader, "
                + "server heap 1 GB, %d cores%n", patients, HospitalFeed.Shape.BENCHMARK.resources(), rounds, warmup,
                Runtime.getRuntime().availableProcessors());
        Map<String, Map<String, Double>> p50 = new LinkedHashMap<>();
        try (BenchmarkCity city = new BenchmarkCity(jar)) {
            for (String configuration : System.getProperty("profiles", "onecity-unsecured,onecity").split(",")) {
                try (BenchmarkCity.Server server = city.start(configuration)) {
                    List<String> patientIds = load(server.fhir(), city, patients);
                    city.analyze(configuration);
                    String doctor = city.doctorToken("dr.chen");
                    Map<String, List<Double>> latencies = new LinkedHashMap<>();
                    for (int round = 0; round < warmup + rounds; round++) {
                        for (String patient : patientIds) {
                            measure(server.fhir(), "/" + patient + "/$everything?_count=500", doctor,
                                    round < warmup ? null : latencies.computeIfAbsent("$everything", k -> new ArrayList<>()));
                            measure(server.fhir(), "/Observation?subject=" + patient + "&code="
                                    + URLEncoder.encode(CityIdentifiers.LOINC + "|718-7", StandardCharsets.UTF_8) + "&_sort=date", doctor,
                                    round < warmup ? null : latencies.computeIfAbsent("lab trend", k -> new ArrayList<>()));
                        }
                    }
                    latencies.forEach((query, times) -> {
                        Collections.sort(times);
                        double median = BenchmarkCity.percentile(times, 0.5);
                        p50.computeIfAbsent(query, q -> new LinkedHashMap<>()).put(configuration, median);
                        System.out.printf("%-18s %-12s %5d requests: p50 %6.1f ms, p95 %6.1f ms%n", configuration, query,
                                times.size(), median, BenchmarkCity.percentile(times, 0.95));
                    });
                }
            }
        }
        p50.forEach((query, byConfiguration) -> {
            if (byConfiguration.size() == 2) {
                List<Double> values = new ArrayList<>(byConfiguration.values());
                System.out.printf("p50 %s with security / without: %.2f%n", query, values.get(1) / values.get(0));
            }
        });
    }

    /** Each patient: a history at H001, and being in hospital at H002 now (H002's own Patient record and encounter). */
    private static List<String> load(URI fhir, BenchmarkCity city, int patients) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String h001 = city.systemToken("hospital-h001");
        String h002 = city.systemToken("hospital-h002");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < patients; i++) {
            int person = 20_000 + i;
            Bundle history = new HospitalFeed("H001").history(person, HospitalFeed.Shape.BENCHMARK);
            String response = post(http, fhir, "H001", h001, history);
            Matcher patient = LOCATION.matcher(response);
            if (!patient.find()) {
                throw new IllegalStateException("No patient in " + response.substring(0, Math.min(300, response.length())));
            }
            ids.add(patient.group(1));
            Bundle admission = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            HospitalFeed h002Feed = new HospitalFeed("H002");
            String h002Patient = HospitalFeed.add(admission, h002Feed.patient(person));
            Encounter stay = new Encounter();
            stay.addIdentifier().setSystem(CityIdentifiers.hospitalNamespace("H002") + "encounter").setValue("ADM-" + person);
            stay.setStatus(Encounter.EncounterStatus.INPROGRESS);
            stay.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"));
            stay.setSubject(new Reference(h002Patient));
            stay.setPeriod(new Period().setStart(new Date()));
            HospitalFeed.add(admission, stay);
            post(http, fhir, "H002", h002, admission);
        }
        return ids;
    }

    private static String post(HttpClient http, URI fhir, String hospital, String token, Bundle bundle) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(fhir)
                .header("Content-Type", "application/fhir+json")
                .header("X-Request-Source", CityIdentifiers.HOSPITAL_SOURCE_PREFIX + hospital)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(CityRecordClient.fhir().newJsonParser().encodeResourceToString(bundle)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Push refused (" + response.statusCode() + "): " + response.body());
        }
        return response.body();
    }

    private static void measure(URI fhir, String path, String token, List<Double> latencies) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(fhir + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/fhir+json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200 || !response.body().contains("\"entry\"")) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + " without entries: "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
        if (latencies != null) {
            latencies.add(millis);
        }
    }
}
