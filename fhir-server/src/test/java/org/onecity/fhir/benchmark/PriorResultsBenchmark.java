package org.onecity.fhir.benchmark;

import org.hl7.fhir.r4.model.Bundle;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.HospitalFeed;
import org.onecity.fhir.support.RecentResults;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A doctor retrieving a patient's prior results from every hospital (issue 4, point 5), with the city's security
 * on: 10,000 city patients pushed by five hospitals, one of whom has about 2,000 resources across all five. Once
 * matching has linked every hospital record to its city patient, Dr Chen at H002, where that patient is in hospital
 * now, reads:
 * <ul>
 * <li>{@code Patient/{city patient}/$everything} (a first page of 100, and all pages);</li>
 * <li>a lab trend: {@code Observation?patient={city patient}&code=LOINC|718-7&_sort=date}, all hospitals;</li>
 * <li>the recognition check, {@code Patient/{H002 record}/$recognised-results} for a CBC panel.</li>
 * </ul>
 * Run: {@code ./onecity bench fhir-prior-results} (system properties: people, concurrency, warmup, requests; and
 * {@code work}, a folder that keeps the loaded city for the next run, see {@link BenchmarkCity}; {@code look}, seconds
 * to keep the loaded city up for a look by hand before measuring).
 */
public final class PriorResultsBenchmark {

    private static final String[] HOSPITALS = {"H001", "H002", "H003", "H004", "H005"};
    /** One hospital's share of the heavy patient: about 400 resources, so about 2,000 across the five. */
    private static final HospitalFeed.Shape HEAVY = new HospitalFeed.Shape(10, 320, 40, 10, 10, 18);
    /** A typical person's record at one hospital. */
    private static final HospitalFeed.Shape TYPICAL = new HospitalFeed.Shape(1, 6, 1, 0, 1, 1);
    private static final int HEAVY_PERSON = 99_999;

    public static void main(String[] args) throws Exception {
        int people = Integer.getInteger("people", 10_000);
        int concurrency = Integer.getInteger("concurrency", 4);
        int warmup = Integer.getInteger("warmup", 30);
        int requests = Integer.getInteger("requests", 200);
        Path jar = Path.of(System.getProperty("jar", "target/fhir-server.jar")).toAbsolutePath();
        System.out.printf("Prior results benchmark: %d city patients from %d hospitals, one with %d resources; "
                + "%d measured requests of each kind after %d warm-up; server heap 1 GB, %d cores%n", people,
                HOSPITALS.length, HEAVY.resources() * HOSPITALS.length, requests, warmup,
                Runtime.getRuntime().availableProcessors());
        try (BenchmarkCity city = new BenchmarkCity(jar); BenchmarkCity.Server server = city.start("onecity")) {
            if (alreadyLoaded(city, people)) {
                System.out.println("The city loaded by an earlier run is there; measuring it again");
            } else {
                load(city, server, people, concurrency);
                Files.createFile(loadedMarker(city, people));
            }
            city.analyze("onecity");

            String doctor = city.doctorToken("dr.chen");
            int lookSeconds = Integer.getInteger("look", 0);
            if (lookSeconds > 0) {
                // a while to look at the loaded city by hand before measuring
                System.out.printf("The city is up for %d s: %s, a token of Dr Chen:%n%s%n", lookSeconds, server.fhir(), doctor);
                Thread.sleep(lookSeconds * 1000L);
            }
            String atH002 = patientId(server.fhir(), city.systemToken("bureau-admin"), "H002", HEAVY_PERSON);
            String cityPatient = cityPatientOf(server.fhir(), city.systemToken("bureau-admin"), atH002);
            System.out.printf("The heavy patient: Patient/%s at H002, city patient Patient/%s; $everything holds %d resources%n",
                    atH002, cityPatient, everything(server.fhir(), cityPatient, doctor));
            String loinc = URLEncoder.encode(CityIdentifiers.LOINC + "|", StandardCharsets.UTF_8);
            measure(server.fhir(), doctor, "$everything, first page of 100", warmup, requests,
                    "/Patient/" + cityPatient + "/$everything?_count=100");
            measure(server.fhir(), doctor, "lab trend, all hospitals", warmup, requests,
                    "/Observation?patient=Patient/" + cityPatient + "&code=" + loinc + "718-7&_sort=date");
            measure(server.fhir(), doctor, "recognition check", warmup, requests,
                    "/Patient/" + atH002 + "/$recognised-results?code=" + loinc + "58410-2");
            List<Double> whole = new ArrayList<>();
            for (int i = 0; i < Math.max(5, requests / 10) + 3; i++) {
                long start = System.nanoTime();
                everything(server.fhir(), cityPatient, doctor);
                if (i >= 3) {
                    whole.add((System.nanoTime() - start) / 1e6);
                }
            }
            Collections.sort(whole);
            System.out.printf("%-34s %4d requests: p50 %7.1f ms, p95 %7.1f ms%n", "$everything, all pages",
                    whole.size(), BenchmarkCity.percentile(whole, 0.5), BenchmarkCity.percentile(whole, 0.95));
        }
    }

    private static void load(BenchmarkCity city, BenchmarkCity.Server server, int people, int concurrency)
            throws Exception {
        Function<String, String> tokens = hospital -> city.systemToken("hospital-" + hospital.toLowerCase());
        long loading = System.nanoTime();
        List<IngestBenchmark.Push> pushes = new ArrayList<>();
        for (String hospital : HOSPITALS) {
            pushes.add(IngestBenchmark.historyOf(hospital, HEAVY_PERSON, HEAVY));
        }
        pushes.add(json("H001", new RecentResults("H001").bloodCount(HEAVY_PERSON, 2, "recent")));
        pushes.add(json("H002", new RecentResults("H002").admission(HEAVY_PERSON)));
        IngestBenchmark.push(server.fhir(), pushes, 1, "heavy patient", HEAVY, tokens);
        Random random = new Random(7);
        List<IngestBenchmark.Push> everyone = new ArrayList<>();
        int records = 0;
        for (int person = 0; person < people - 1; person++) {
            // most people are known at one hospital, some at two or three
            int at = 1 + (random.nextInt(10) < 7 ? 0 : random.nextInt(3) == 0 ? 2 : 1);
            int first = random.nextInt(HOSPITALS.length);
            for (int h = 0; h < at; h++) {
                everyone.add(IngestBenchmark.historyOf(HOSPITALS[(first + h) % HOSPITALS.length], 100_000 + person, TYPICAL));
                records++;
            }
        }
        IngestBenchmark.Result load = IngestBenchmark.push(server.fhir(), everyone, concurrency, "city", TYPICAL, tokens);
        System.out.printf("Loaded %d hospital records of %d people (%d resources) in %.0f s%n", records, people - 1,
                load.resources(), load.seconds());
        awaitMatching(city);
        System.out.printf("Every record linked to its city patient %.0f s after loading began%n",
                (System.nanoTime() - loading) / 1e9);
    }

    /** Whether a run with the same {@code work} folder has loaded as many people, and matching has finished. */
    private static boolean alreadyLoaded(BenchmarkCity city, int people) {
        return Files.exists(loadedMarker(city, people));
    }

    private static Path loadedMarker(BenchmarkCity city, int people) {
        return city.work().resolve("loaded-" + people + "-people");
    }

    private static IngestBenchmark.Push json(String hospital, Bundle bundle) {
        IngestBenchmark.asConditionalUpdates(bundle, hospital);
        return new IngestBenchmark.Push(hospital, CityRecordClient.fhir().newJsonParser().encodeResourceToString(bundle));
    }

    /**
     * Matching runs behind the pushes: the queue in the database empties into HAPI's in-memory channel at once, so
     * matching is done when that queue is empty and no link has been added for several seconds.
     */
    private static void awaitMatching(BenchmarkCity city) throws Exception {
        try (Connection db = city.database("onecity")) {
            long links = -1;
            int quiet = 0;
            while (quiet < 3) {
                Thread.sleep(2_000);
                long pending = count(db, "select count(*) from hfj_resource_modified");
                long now = count(db, "select count(*) from mpi_link");
                quiet = pending == 0 && now == links ? quiet + 1 : 0;
                links = now;
                System.out.printf("  matching: %d changed Patients queued, %d links%n", pending, links);
            }
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void measure(URI fhir, String token, String name, int warmup, int requests, String path)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < warmup + requests; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = get(http, fhir, token, path);
            double millis = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() != 200 || !response.body().contains("\"entry\"")) {
                throw new IllegalStateException(name + " answered " + response.statusCode() + ": "
                        + response.body().substring(0, Math.min(400, response.body().length())));
            }
            if (i >= warmup) {
                latencies.add(millis);
            }
        }
        Collections.sort(latencies);
        System.out.printf("%-34s %4d requests: p50 %7.1f ms, p95 %7.1f ms%n", name, latencies.size(),
                BenchmarkCity.percentile(latencies, 0.5), BenchmarkCity.percentile(latencies, 0.95));
    }

    /** Every page of the city patient's $everything; answers how many resources came back. */
    private static int everything(URI fhir, String cityPatient, String token) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String next = fhir + "/Patient/" + cityPatient + "/$everything?_count=500";
        int resources = 0;
        while (next != null) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(next))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/fhir+json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Bundle bundle = CityRecordClient.fhir().newJsonParser().parseResource(Bundle.class, page.body());
            resources += bundle.getEntry().size();
            next = bundle.getLink(Bundle.LINK_NEXT) == null ? null : bundle.getLink(Bundle.LINK_NEXT).getUrl();
        }
        return resources;
    }

    private static HttpResponse<String> get(HttpClient http, URI fhir, String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(fhir + path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String patientId(URI fhir, String token, String hospital, int person) throws Exception {
        HttpResponse<String> response = get(HttpClient.newHttpClient(), fhir, token, "/Patient?identifier="
                + URLEncoder.encode(CityIdentifiers.hospitalNamespace(hospital) + "mrn|MRN-" + person, StandardCharsets.UTF_8));
        Bundle found = CityRecordClient.fhir().newJsonParser().parseResource(Bundle.class, response.body());
        return found.getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    private static String cityPatientOf(URI fhir, String token, String patientId) throws Exception {
        HttpResponse<String> response = get(HttpClient.newHttpClient(), fhir, token,
                "/$mdm-query-links?resourceId=Patient/" + patientId);
        Matcher golden = Pattern.compile("\"goldenResourceId\"[^}]*?\"valueString\"\\s*:\\s*\"Patient/([^\"]+)\"")
                .matcher(response.body());
        if (!golden.find()) {
            throw new IllegalStateException("Patient/" + patientId + " has no city patient: " + response.body());
        }
        return golden.group(1);
    }
}
