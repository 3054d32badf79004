package org.onecity.billing.benchmark;

import org.onecity.common.embedded.JarProcess;
import org.onecity.common.embedded.LocalPostgres;
import org.onecity.common.identity.DemoIdentities;
import org.onecity.common.identity.EmbeddedIssuer;
import org.onecity.common.identity.Tokens;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Discharges at city scale (issue 6, point 10): the packaged billing service as its own JVM (512 MB heap, as the hub
 * runs it) on PostgreSQL, with the city's security on. 2,000 cards; 10,000 visits across five hospitals; about 30
 * charge lines each, posted as a hospital's system posts them, in postings of 10 lines; then every visit is
 * discharged and billed. Prints charges posted per second and bills settled per second, each with request latency.
 * <p>
 * Run: {@code ./onecity bench billing} (system properties: visits, cards, lines, concurrency).
 */
public final class BillingBenchmark {

    private static final String[] HOSPITALS = {"H001", "H002", "H003", "H004", "H005"};
    private static final String[][] ITEMS = {
            {"110900001", "120"}, {"111000001", "40"}, {"250101001", "25"}, {"250301001", "60"},
            {"250305001", "45.50"}, {"210102001", "80"}, {"210300001", "380"}, {"220500001", "150"},
            {"XJ01CA04", "15.50"}, {"XC10AA05", "36.50"}, {"XA10BA02", "12.80"}, {"ZZ0001", "88"}};

    public static void main(String[] args) throws Exception {
        int visits = Integer.getInteger("visits", 10_000);
        int cards = Integer.getInteger("cards", 2_000);
        int lines = Integer.getInteger("lines", 30);
        int concurrency = Integer.getInteger("concurrency", 8);
        Path jar = Path.of(System.getProperty("jar", "target/billing.jar")).toAbsolutePath();
        Path work = Files.createTempDirectory("onecity-billing-bench");
        System.out.printf("Billing benchmark: %d visits of %d charge lines on %d cards, %d clients; billing heap 512 MB, "
                + "%d cores%n", visits, lines, cards, concurrency, Runtime.getRuntime().availableProcessors());
        try (LocalPostgres postgres = LocalPostgres.start(work.resolve("pg"), 0, false);
             EmbeddedIssuer issuer = EmbeddedIssuer.start(freePort(), DemoIdentities.DEFAULT)) {
            postgres.createDatabaseIfMissing("billing");
            int port = freePort();
            try (JarProcess billing = JarProcess.start("billing", jar, "512m", Map.of(
                    "SPRING_DATASOURCE_URL", postgres.jdbcUrl("billing"),
                    "SPRING_DATASOURCE_USERNAME", LocalPostgres.USER,
                    "SERVER_PORT", String.valueOf(port),
                    "ONECITY_SECURITY_ISSUER_URI", issuer.issuerUri()), List.of(), work.resolve("billing.log"))) {
                billing.awaitHealthy(URI.create("http://127.0.0.1:" + port + "/actuator/health"), Duration.ofMinutes(3));
                Api api = new Api(URI.create("http://127.0.0.1:" + port + "/billing"), new Tokens(issuer.issuerUri()));
                run(api, visits, cards, lines, concurrency);
            }
        }
    }

    private static void run(Api api, int visits, int cards, int lines, int concurrency) throws Exception {
        String prefix = "B" + Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        Phase registering = Phase.run("register cards", cards, concurrency, i -> api.send("PUT", "/cards/" + prefix + "-" + i,
                api.admin(), """
                        {"citizenId":"%s","holderName":"Card %d","scheme":"%s","insurer":"CITY-FUND",
                         "creditLimit":200000,"personalBalance":2000}""".formatted(citizenId(i), i,
                        i % 3 == 0 ? "RESIDENT" : "EMPLOYEE")));
        long[] visitIds = new long[visits];
        Phase opening = Phase.run("open visits", visits, concurrency, i -> {
            String hospital = HOSPITALS[i % HOSPITALS.length];
            String body = api.send("POST", "/visits", api.hospital(hospital), """
                    {"cardNumber":"%s-%d","kind":"%s","hospitalVisitId":"%s-V%d"}""".formatted(prefix, i % cards,
                    i % 4 == 0 ? "INPATIENT" : "OUTPATIENT", prefix, i));
            visitIds[i] = id(body);
            return body;
        });
        int postingsPerVisit = (lines + 9) / 10;
        Phase charging = Phase.run("post charges", visits * postingsPerVisit, concurrency, n -> {
            int visit = n / postingsPerVisit;
            int first = n % postingsPerVisit * 10;
            StringBuilder posting = new StringBuilder("{\"lines\":[");
            for (int line = first; line < Math.min(lines, first + 10); line++) {
                String[] item = ITEMS[(visit + line) % ITEMS.length];
                posting.append(line == first ? "" : ",").append("""
                        {"chargeId":"%s-V%d-C%d","code":"%s","quantity":%d,"unitPrice":%s}"""
                        .formatted(prefix, visit, line, item[0], 1 + line % 3, item[1]));
            }
            return api.send("POST", "/visits/" + visitIds[visit] + "/charges",
                    api.hospital(HOSPITALS[visit % HOSPITALS.length]), posting.append("]}").toString());
        });
        Phase discharging = Phase.run("discharge and bill", visits, concurrency, i -> api.send("POST",
                "/visits/" + visitIds[i] + "/discharge", api.hospital(HOSPITALS[i % HOSPITALS.length]), null));

        registering.print("cards");
        opening.print("visits");
        charging.print("postings");
        System.out.printf("Charges posted: %d lines in %.1f s: %.0f charges/s%n", (long) visits * lines,
                charging.seconds(), visits * (double) lines / charging.seconds());
        discharging.print("bills");
        System.out.printf("Bills settled: %d in %.1f s: %.0f bills/s%n", visits, discharging.seconds(),
                visits / discharging.seconds());
        String trial = api.send("GET", "/ledger/trial-balance", api.admin(), null);
        System.out.println("Ledger after the run: " + (trial.contains("\"balanced\":true") ? "balanced" : "NOT BALANCED"));
    }

    /** One phase of the run: every request of it, spread over the clients, timed. */
    private record Phase(String name, int requests, double seconds, List<Double> latencies) {

        static Phase run(String name, int requests, int concurrency, IntFunction<String> request) throws Exception {
            ExecutorService clients = Executors.newFixedThreadPool(concurrency);
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>(requests));
            AtomicLong next = new AtomicLong();
            long start = System.nanoTime();
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int c = 0; c < concurrency; c++) {
                    running.add(clients.submit(() -> {
                        for (long i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                            long sent = System.nanoTime();
                            request.apply((int) i);
                            latencies.add((System.nanoTime() - sent) / 1e6);
                        }
                        return null;
                    }));
                }
                for (Future<?> client : running) {
                    client.get();
                }
            } finally {
                clients.shutdownNow();
            }
            return new Phase(name, requests, (System.nanoTime() - start) / 1e9, latencies);
        }

        void print(String unit) {
            List<Double> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf("%-20s %6d %-8s in %6.1f s: %7.0f requests/s, p50 %6.1f ms, p95 %6.1f ms%n", name,
                    requests, unit, seconds, requests / seconds, percentile(sorted, 0.5), percentile(sorted, 0.95));
        }
    }

    /** The billing API with tokens of the city's issuer, renewed before they expire. */
    private static final class Api {
        private static final Duration RENEW = Duration.ofMinutes(4);
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private final URI base;
        private final Tokens tokens;
        private final DemoIdentities identities = DemoIdentities.load(DemoIdentities.DEFAULT);
        private final Map<String, String> issued = new ConcurrentHashMap<>();
        private final Map<String, Long> issuedAt = new ConcurrentHashMap<>();

        Api(URI base, Tokens tokens) {
            this.base = base;
            this.tokens = tokens;
        }

        String admin() {
            return token("bureau-admin");
        }

        String hospital(String code) {
            return token("hospital-" + code.toLowerCase());
        }

        private synchronized String token(String client) {
            Long at = issuedAt.get(client);
            if (at == null || System.nanoTime() - at > RENEW.toNanos()) {
                issued.put(client, tokens.forSystem(client, identities.client(client).orElseThrow().secret()));
                issuedAt.put(client, System.nanoTime());
            }
            return issued.get(client);
        }

        String send(String method, String path, String token, String json) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 300) {
                    throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                            + response.body());
                }
                return response.body();
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + path + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private static long id(String json) {
        Matcher matcher = ID.matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("No id in " + json);
        }
        return Long.parseLong(matcher.group(1));
    }

    private static String citizenId(int person) {
        return "37020219800%06d".formatted(person % 1_000_000) + "X";
    }

    static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
