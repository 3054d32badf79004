package org.onecity.hub;

import org.onecity.common.embedded.Folders;
import org.onecity.common.identity.DemoIdentities;
import org.onecity.common.identity.Tokens;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./onecity bench portal}: how fast the portal's pages are where people see them, in a browser. It starts the
 * packaged hub in a folder of its own, has the five hospitals push a patient of about 2,000 resources (fhir-server's
 * prior-results benchmark's heavy patient, {@link HeavyHistory}), in hospital at H002, and waits for matching to link
 * them. Then Debian's headless Chromium, driven by Selenium, signs each person in through the issuer's form and opens
 * every page of the portal {@code -Dwarmup} (3) times, then {@code -Druns} (20) times measured: first contentful
 * paint (Paint Timing: the first screen is usable) and complete (Navigation Timing's load event end, or, on a page
 * that fills itself in after loading, the moment its last placeholder is replaced). It prints p50 and p95 of both per
 * page ({@code -Dpages=timeline,records}: only the pages whose name holds one of those; {@code -Dlook=600}: the
 * loaded hub stays up that many seconds before measuring, to look at by hand). Everything it started (hub, browsers)
 * is stopped and its folders removed at the end.
 */
public final class PortalBenchmark {

    private static final int OFFSET = 4000;
    private static final String PORTAL = "http://127.0.0.1:" + (8084 + OFFSET);
    private static final String FHIR = "http://127.0.0.1:" + (8080 + OFFSET) + "/fhir";
    private static final String BILLING = "http://127.0.0.1:" + (8082 + OFFSET) + "/billing";
    private static final String ISSUER = "http://localhost:" + (9090 + OFFSET);
    private static final String ZHANG_WEI = "37020219510102001X";
    private static final String[] HOSPITALS = {"H001", "H002", "H003", "H004", "H005"};

    /** Reads both timings once the page has loaded and, if it fills itself in, once no placeholder is left. */
    private static final String TIMINGS = """
            var done = arguments[arguments.length - 1];
            var nav = performance.getEntriesByType('navigation')[0];
            function loading() { return document.querySelector('[data-loading]') !== null; }
            // the paint entry of a quick page may come a frame after its load event
            function withPaint(then) {
              var paint = performance.getEntriesByName('first-contentful-paint')[0];
              if (paint) { then(paint.startTime); return; }
              var timer = setTimeout(function () { then(-1); }, 3000);
              new PerformanceObserver(function (list, observer) {
                var entry = list.getEntriesByName('first-contentful-paint')[0];
                if (entry) { clearTimeout(timer); observer.disconnect(); then(entry.startTime); }
              }).observe({type: 'paint', buffered: true});
            }
            function complete(then) {
              if (!loading()) {
                var last = nav.loadEventEnd;
                performance.getEntriesByType('resource').forEach(function (r) {
                  if (r.initiatorType === 'xmlhttprequest' || r.initiatorType === 'fetch') { last = Math.max(last, r.responseEnd); }
                });
                then(last);
                return;
              }
              new MutationObserver(function (changes, observer) {
                if (!loading()) { observer.disconnect(); then(performance.now()); }
              }).observe(document.body, {childList: true, subtree: true});
            }
            complete(function (end) { withPaint(function (paint) { done([paint, end, nav.responseStatus || 0]); }); });""";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final DemoIdentities identities = DemoIdentities.load(DemoIdentities.DEFAULT);
    private final Tokens tokens = new Tokens(ISSUER);

    /** One page: who opens it, and how (most are a GET; the order card is a form sent). */
    private record Page(String who, String name, Consumer<WebDriver> open) {
    }

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("warmup", 3);
        int runs = Integer.getInteger("runs", 20);
        Path home = Path.of(System.getProperty("onecity.home", ".")).toAbsolutePath().normalize();
        Path data = Folders.temporary("onecity-portal-bench-");
        Process hub = null;
        try {
            hub = HubLauncher.start(home, data, OFFSET, Duration.ofMinutes(8));
            new PortalBenchmark().run(warmup, runs);
        } finally {
            if (hub != null) {
                hub.destroy();
                if (!hub.waitFor(90, TimeUnit.SECONDS)) {
                    hub.descendants().forEach(ProcessHandle::destroyForcibly);
                    hub.destroyForcibly().waitFor();
                }
            }
            Folders.delete(data);
        }
    }

    private void run(int warmup, int runs) throws Exception {
        String zhangWei = cityPatient(ZHANG_WEI, Duration.ofSeconds(120));
        await("Zhang Wei's CT in the city record", () -> bureau("/ImagingStudy").contains("\"entry\""));
        push("hospital-h002", """
                {"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Encounter",
                 "identifier":[{"system":"https://fhir.onecity.example/sid/hospital/H002/encounter","value":"H002-STAY-DEMO-1"}],
                 "status":"in-progress","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP","display":"inpatient encounter"},
                 "subject":{"reference":"Patient?identifier=https://fhir.onecity.example/sid/hospital/H002/mrn|MRN-1"},
                 "period":{"start":"%s"}},
                 "request":{"method":"PUT","url":"Encounter?identifier=https://fhir.onecity.example/sid/hospital/H002/encounter|H002-STAY-DEMO-1"}}]}
                """.formatted(java.time.OffsetDateTime.now()));
        String bill = dischargeTheDemoStay();

        long loading = System.nanoTime();
        for (String hospital : HOSPITALS) {
            push("hospital-" + hospital.toLowerCase(), HeavyHistory.at(hospital));
        }
        push("hospital-h002", HeavyHistory.admissionAtH002());
        String heavy = cityPatient(HeavyHistory.CITIZEN_ID, Duration.ofMinutes(5));
        String doctor = tokens.forPerson("onecity-app", "http://127.0.0.1/callback", "dr.chen", "demo",
                "openid fhirUser user/*.rs");
        int[] resources = {0};
        await("matching to link the heavy patient's five records", () -> {
            resources[0] = everything(heavy, doctor);
            return resources[0] >= 2_000;
        });
        System.out.printf("The heavy patient: Patient/%s, %d resources in $everything, loaded and linked in %.0f s%n",
                heavy, resources[0], (System.nanoTime() - loading) / 1e9);
        int look = Integer.getInteger("look", 0);
        if (look > 0) {
            System.out.printf("Up for %d s to look at by hand: portal %s, FHIR %s, a token of Dr Chen:%n%s%n",
                    look, PORTAL, FHIR, doctor);
            Thread.sleep(look * 1000L);
        }

        Map<String, Browser> browsers = new LinkedHashMap<>();
        try {
            for (String who : List.of("dr.chen", "zhang.wei", "wu.jing", "liu.yang")) {
                browsers.put(who, new Browser(who));
            }
            String study = browsers.get("dr.chen").href("/doctor/patients/" + zhangWei, "a.study-link");
            List<Page> pages = pages(zhangWei, heavy, study, bill);
            System.out.printf("%n%d warm-up and %d measured loads of each page; %d cores shared by the hub and the browser%n%n",
                    warmup, runs, Runtime.getRuntime().availableProcessors());
            System.out.printf("%-46s %14s %14s %14s %14s%n", "page", "FCP p50 ms", "FCP p95 ms", "complete p50", "complete p95");
            List<String> only = List.of(System.getProperty("pages", "").split(","));
            for (Page page : pages) {
                if (only.stream().noneMatch(page.name()::contains)) {
                    continue;
                }
                measure(browsers.get(page.who()), page, warmup, runs);
            }
        } finally {
            browsers.values().forEach(Browser::close);
        }
    }

    /**
     * Every page of the portal. Pages that others are building (the insurer's and the bureau's) are listed as well:
     * where this build does not have them (404), the line says so.
     */
    private static List<Page> pages(String zhangWei, String heavy, String study, String bill) {
        String patient = "/doctor/patients/" + zhangWei;
        List<Page> pages = new ArrayList<>(List.of(
                get("dr.chen", "doctor: timeline, 2,000-resource patient", "/doctor/patients/" + heavy),
                get("dr.chen", "doctor: the same, whole at once (without JS)", "/doctor/patients/" + heavy + "?whole=true"),
                get("dr.chen", "doctor: search", "/doctor"),
                get("dr.chen", "doctor: search, found", "/doctor?q=" + ZHANG_WEI),
                get("dr.chen", "doctor: timeline, demo patient", patient),
                get("dr.chen", "doctor: trend (718-7)", patient + "/trend?code=718-7"),
                get("dr.chen", "doctor: study viewer", study),
                get("dr.chen", "doctor: order", patient + "/order"),
                new Page("dr.chen", "doctor: order, CDS recognition card", driver -> {
                    driver.get(PORTAL + patient + "/order");
                    new Select(driver.findElement(By.id("test"))).selectByValue("718-7");
                    WebElement page = driver.findElement(By.tagName("html"));
                    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
                    new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(page));
                    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d ->
                            "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
                }),
                get("zhang.wei", "patient: records", "/patient/records"),
                get("zhang.wei", "patient: bills", "/patient/bills"),
                get("zhang.wei", "patient: bill", "/patient/bills/" + bill),
                get("zhang.wei", "patient: access log", "/patient/access-log"),
                get("zhang.wei", "patient: sharing", "/patient/sharing"),
                get("wu.jing", "insurer: settlements", "/insurer"),
                get("wu.jing", "insurer: statement and discrepancies", "/insurer/reconciliation"),
                get("liu.yang", "bureau: hospital intake", "/bureau/intake"),
                get("liu.yang", "bureau: imaging mirror and batch", "/bureau/operations"),
                get("liu.yang", "bureau: possible matches", "/bureau/matches")));
        return pages;
    }

    private static Page get(String who, String name, String path) {
        return new Page(who, name, driver -> driver.get(PORTAL + path));
    }

    private static void measure(Browser browser, Page page, int warmup, int runs) {
        List<Double> paints = new ArrayList<>();
        List<Double> completes = new ArrayList<>();
        int unpainted = 0;
        for (int i = 0; i < warmup + runs; i++) {
            page.open().accept(browser.driver);
            List<?> timings = (List<?>) ((JavascriptExecutor) browser.driver).executeAsyncScript(TIMINGS);
            long status = ((Number) timings.get(2)).longValue();
            if (status == 404) {
                System.out.printf("%-46s not in this build (404)%n", page.name());
                return;
            }
            if (status >= 400 || !browser.driver.getCurrentUrl().startsWith(PORTAL)) {
                throw new IllegalStateException(page.name() + " answered " + status + " at " + browser.driver.getCurrentUrl());
            }
            if (i >= warmup) {
                double paint = ((Number) timings.get(0)).doubleValue();
                if (paint < 0) {
                    unpainted++;
                } else {
                    paints.add(paint);
                }
                completes.add(((Number) timings.get(1)).doubleValue());
            }
        }
        paints.sort(null);
        completes.sort(null);
        System.out.printf("%-46s %14.0f %14.0f %14.0f %14.0f%s%n", page.name(), percentile(paints, 0.5),
                percentile(paints, 0.95), percentile(completes, 0.5), percentile(completes, 0.95),
                unpainted == 0 ? "" : "  (" + unpainted + " loads without a paint entry)");
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    // --- the city's data ---------------------------------------------------------------------------------------

    /** The city patient of a citizen, once matching has made one. */
    private String cityPatient(String citizenId, Duration within) throws Exception {
        String[] id = {null};
        await("the city patient of " + citizenId, () -> {
            Matcher found = Pattern.compile("\"resourceType\"\\s*:\\s*\"Patient\"\\s*,\\s*\"id\"\\s*:\\s*\"([^\"]+)\"")
                    .matcher(bureau("/Patient?identifier=" + encode("https://fhir.onecity.example/sid/citizen-id|" + citizenId)
                            + "&_tag=" + encode("http://hapifhir.io/fhir/NamingSystem/mdm-record-status|GOLDEN_RECORD")));
            id[0] = found.find() ? found.group(1) : null;
            return id[0] != null;
        }, within);
        return id[0];
    }

    /** How many resources the city patient's $everything holds, read as the portal reads it. */
    private int everything(String cityPatient, String token) throws Exception {
        String next = FHIR + "/Patient/" + cityPatient + "/$everything?_mdm=true&_count=500";
        int resources = 0;
        for (int page = 0; next != null && page < 50; page++) {
            String bundle = get(next, token);
            resources += Pattern.compile("\"fullUrl\"").matcher(bundle).results().count();
            Matcher link = Pattern.compile("\"relation\"\\s*:\\s*\"next\"\\s*,\\s*\"url\"\\s*:\\s*\"([^\"]+)\"").matcher(bundle);
            next = link.find() ? link.group(1) : null;
        }
        return resources;
    }

    /** H002 discharges the demo stay, as its HIS would; answers the bill's id. */
    private String dischargeTheDemoStay() throws Exception {
        String h002 = system("hospital-h002");
        String visit = get(BILLING + "/visits?hospitalVisitId=H002-STAY-DEMO-1", h002)
                .replaceAll("(?s).*?\"id\"\\s*:\\s*(\\d+).*", "$1");
        HttpResponse<String> bill = http.send(HttpRequest.newBuilder(URI.create(BILLING + "/visits/" + visit + "/discharge"))
                .timeout(Duration.ofMinutes(1)).header("Authorization", "Bearer " + h002)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (bill.statusCode() >= 300) {
            throw new IllegalStateException("H002 could not discharge the demo stay: " + bill.body());
        }
        return bill.body().replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1");
    }

    private void push(String client, String bundle) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(FHIR)).timeout(Duration.ofMinutes(3))
                .header("Content-Type", "application/fhir+json").header("Authorization", "Bearer " + system(client))
                .POST(HttpRequest.BodyPublishers.ofString(bundle)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(client + "'s push answered " + response.statusCode() + ": " + response.body());
        }
    }

    private String bureau(String query) throws Exception {
        return get(FHIR + query, system("bureau-admin"));
    }

    private String get(String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String system(String client) {
        return tokens.forSystem(client, identities.client(client).orElseThrow().secret());
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(String what, Check check) throws Exception {
        await(what, check, Duration.ofMinutes(5));
    }

    private static void await(String what, Check check, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (!check.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Waited " + within.toSeconds() + " s for " + what);
            }
            Thread.sleep(2_000);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** One person's headless Chromium, signed in through the issuer's login form; quit, with its profile removed. */
    private static final class Browser implements AutoCloseable {

        final WebDriver driver;
        private final HeadlessChromium chromium;

        Browser(String username) throws IOException {
            chromium = new HeadlessChromium(options -> { });
            driver = chromium.driver;
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            try {
                chromium.signIn(PORTAL, ISSUER, username);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        /** The portal path a link of a page leads to. */
        String href(String path, String link) {
            driver.get(PORTAL + path);
            return driver.findElement(By.cssSelector(link)).getAttribute("href").substring(PORTAL.length());
        }

        @Override
        public void close() {
            chromium.close();
        }
    }
}
