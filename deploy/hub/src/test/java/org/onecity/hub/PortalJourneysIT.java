package org.onecity.hub;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.onecity.common.embedded.Folders;
import org.onecity.common.identity.DemoIdentities;
import org.onecity.common.identity.Tokens;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's journeys in a real browser (Debian's headless Chromium through Selenium WebDriver) against the whole
 * hub with its demo city: people sign in through the embedded issuer's real login form, and every page is checked
 * with axe-core (no serious or critical violation), for console errors and failed requests, and for access tokens
 * (there must be none in the browser). Screenshots of each page go to {@code target/portal-screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalJourneysIT {

    private static final int OFFSET = 5000;
    private static final String PORTAL = "http://127.0.0.1:" + (8084 + OFFSET);
    private static final String FHIR = "http://127.0.0.1:" + (8080 + OFFSET) + "/fhir";
    private static final String BILLING = "http://127.0.0.1:" + (8082 + OFFSET) + "/billing";
    private static final String BATCH = "http://127.0.0.1:" + (8083 + OFFSET) + "/batch";
    private static final String ISSUER = "http://localhost:" + (9090 + OFFSET);
    private static final String ZHANG_WEI = "37020219510102001X";
    private static final String REASON = "Unconscious in the emergency room, no relative reachable";
    /** A JWT: base64url JSON header and payload. None may reach the browser. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}");
    private static final Path SCREENSHOTS = Path.of("target/portal-screenshots");

    private static Path data;
    private static Process hub;
    /** A service that hangs fails the journey in a minute instead of holding the build. */
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(60);
    private static final DemoIdentities identities = DemoIdentities.load(DemoIdentities.DEFAULT);
    private static String axe;

    @BeforeAll
    static void startTheHub() throws Exception {
        data = Files.createDirectories(Path.of("target/portal-it").toAbsolutePath());
        Folders.fresh(data);
        Files.createDirectories(SCREENSHOTS);
        try (InputStream in = PortalJourneysIT.class.getResourceAsStream(axeScript())) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        hub = HubLauncher.start(Path.of("../..").toAbsolutePath().normalize(), data, OFFSET, Duration.ofMinutes(6),
                Map.of("ONECITY_IDENTITIES", portalTokensOfHalfAMinute().toString()));
        // Zhang Wei's city patient and his CT in the city record, before anyone looks for them
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> bureau("/Patient?identifier="
                + encode("https://fhir.onecity.example/sid/citizen-id|" + ZHANG_WEI)
                + "&_tag=" + encode("http://hapifhir.io/fhir/NamingSystem/mdm-record-status|GOLDEN_RECORD")).contains("\"entry\""));
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> bureau("/ImagingStudy").contains("\"entry\""));
    }

    /**
     * The demo identities with the portal's access tokens living 30 seconds instead of five minutes, so that the
     * journeys go through the refresh of a person's tokens (and sign out after one) as a long session does.
     */
    private static Path portalTokensOfHalfAMinute() throws IOException {
        String demo;
        try (InputStream in = DemoIdentities.class.getResourceAsStream("/onecity-demo-identities.yaml")) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String portal = "      - id: onecity-portal\n";
        assertThat(demo).contains(portal);
        return Files.writeString(data.resolve("identities.yaml"),
                demo.replace(portal, portal + "        token-lifetime: 30s\n"));
    }

    @AfterAll
    static void stopTheHub() throws InterruptedException {
        if (hub != null) {
            hub.destroy();
            if (!hub.waitFor(90, TimeUnit.SECONDS)) {
                hub.destroyForcibly();
            }
        }
        // the services' logs stay beside the screenshots, for whoever reads a failure
        try (var logs = Files.list(data.resolve("logs"))) {
            for (Path log : logs.filter(f -> f.toString().endsWith(".log")).toList()) {
                Files.copy(log, SCREENSHOTS.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // no logs to keep
        }
        Folders.delete(data);
    }

    @Test
    @Order(1)
    void aDoctorWithoutCareIsRefusedAndBreaksTheGlassWithAReasonTheRecordKeeps() throws Exception {
        try (Browser doctor = new Browser("dr.chen")) {
            doctor.open("/doctor?q=" + ZHANG_WEI, "doctor-refused");
            assertThat(doctor.driver.findElements(By.id("matches"))).as("no care relationship yet: nothing shown").isEmpty();
            doctor.driver.findElement(By.id("reason")).sendKeys("short");
            // the browser's own check wants ten characters; the server says it too when the browser does not check
            doctor.script("document.getElementById('reason').removeAttribute('minlength');");
            doctor.submit(By.cssSelector("#not-found form"));
            assertThat(doctor.driver.findElement(By.id("reason-error")).getText()).contains("ten characters");
            doctor.driver.manage().logs().get(LogType.BROWSER); // the 400 itself, expected
            // a reason in Chinese travels as an RFC 8187 UTF-8 value and reaches the patient's log as written
            String chineseReason = "患者昏迷，急诊抢救，无法联系家属";
            doctor.driver.findElement(By.id("reason")).clear();
            doctor.driver.findElement(By.id("reason")).sendKeys(chineseReason);
            doctor.submit(By.cssSelector("#not-found form"));
            doctor.checkPage("doctor-break-glass-chinese-reason");
            assertThat(doctor.driver.findElement(By.id("matches")).getText()).contains("H001").contains("H002");
            doctor.submit(By.cssSelector("#matches form"));
            doctor.checkPage("doctor-timeline-break-glass-chinese-reason");
            assertThat(doctor.driver.getPageSource()).contains("Break-glass");
            try (Browser patient = new Browser("zhang.wei")) {
                patient.open("/patient/access-log", "patient-access-log-chinese-reason");
                assertThat(patient.driver.findElement(By.id("access-log")).getText()).contains(chineseReason);
            }
            doctor.open("/doctor?q=" + ZHANG_WEI, "doctor-refused-again");
            // a reason on two lines is sent as one line (a line break in a header made every later request fail)
            doctor.driver.findElement(By.id("reason")).sendKeys(REASON.replace(", ", ",\n"));
            doctor.submit(By.cssSelector("#not-found form"));
            doctor.checkPage("doctor-break-glass");
            assertThat(doctor.driver.findElement(By.id("matches")).getText()).contains("H001").contains("H002");
            // the reason is recorded for the one patient opened
            doctor.submit(By.cssSelector("#matches form"));
            doctor.checkPage("doctor-timeline-break-glass");
            assertThat(doctor.driver.getPageSource()).contains("Break-glass");
        }
    }

    @Test
    @Order(2)
    void aDoctorCaringForThePatientSeesOneTimelineATrendTheImagesAndTheRecognitionCard() throws Exception {
        admitZhangWeiAtH002AndRecordARecentHaemoglobinAtH001();
        try (Browser doctor = new Browser("dr.chen")) {
            // a citizen ID with a wrong check character: said so, nothing searched, no break-glass offered
            doctor.driver.get(PORTAL + "/doctor?q=370202195101020011");
            assertThat(doctor.script("return performance.getEntriesByType('navigation')[0].responseStatus")).isEqualTo(400L);
            assertThat(doctor.driver.findElement(By.id("query-error")).getText()).contains("is not a citizen ID");
            assertThat(doctor.driver.findElements(By.id("not-found"))).isEmpty();
            doctor.driver.manage().logs().get(LogType.BROWSER); // the 400 itself, expected
            doctor.checkPage("doctor-mistyped-citizen-id");
            doctor.open("/doctor", "doctor-search");
            doctor.driver.findElement(By.id("q")).sendKeys(ZHANG_WEI);
            doctor.submit(By.cssSelector("form[role=search]"));
            doctor.checkPage("doctor-found");
            doctor.click(By.cssSelector("#matches a"));
            doctor.checkPage("doctor-timeline");
            List<String> hospitals = doctor.driver.findElements(By.cssSelector("#timeline tbody tr")).stream()
                    .map(row -> row.getAttribute("data-hospital")).distinct().toList();
            assertThat(hospitals).as("one timeline across hospitals").contains("H001", "H002");
            assertThat(doctor.driver.findElements(By.cssSelector("#timeline tr[data-kind=IMAGING]"))).isNotEmpty();
            assertThat(doctor.driver.getPageSource()).doesNotContain("Break-glass");
            assertThat(doctor.driver.findElement(By.tagName("h1")).getText()).endsWith("Wei1 Zhang");
            String timeline = doctor.driver.getCurrentUrl();

            doctor.click(By.xpath("//a[contains(@class,'trend-link')][contains(@href,'718-7')]"));
            doctor.checkPage("doctor-trend");
            assertThat(doctor.driver.findElement(By.cssSelector("svg.trend")).getAttribute("innerHTML")).contains("range");
            assertThat(doctor.driver.findElement(By.id("values")).getText()).contains("H001").contains("H002");

            doctor.driver.get(timeline);
            doctor.click(By.cssSelector("a.study-link"));
            doctor.checkPage("doctor-study");
            doctor.assertImageShown();
            assertThat(doctor.driver.findElement(By.id("position")).getText()).isEqualTo("Image 1 of 3");
            doctor.click(By.id("next"));
            doctor.await(d ->
                    d.findElement(By.id("position")).getText().equals("Image 2 of 3"));
            doctor.assertImageShown();
            doctor.click(By.linkText("Lung"));
            doctor.await(d ->
                    d.findElement(By.id("frame")).getAttribute("src").contains("preset=lung"));
            doctor.assertImageShown();
            doctor.checkPage("doctor-study-lung");

            doctor.driver.get(timeline);
            doctor.click(By.linkText("Start an order"));
            new Select(doctor.driver.findElement(By.id("test"))).selectByValue("718-7");
            doctor.submit(By.cssSelector("main form"));
            doctor.checkPage("doctor-order-card");
            assertThat(doctor.driver.findElement(By.id("cards")).getText()).as("the CDS Hooks recognition card")
                    .contains("718-7 was done at City Central Hospital").contains("recognised until").contains("12.9 g/dL");

            doctor.driver.get(timeline);
            doctor.click(By.linkText("中文"));
            doctor.checkPage("doctor-timeline-zh");
            assertThat(doctor.driver.findElement(By.tagName("h1")).getText()).startsWith("时间线")
                    .as("his name as Chinese writes it: family name first").endsWith("Zhang Wei1");
            assertThat(doctor.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");

            // her access token (30 s here) is refreshed, and with it the ID token by which the issuer knows her session
            Duration sinceSignIn = Duration.between(doctor.signedInAt, Instant.now());
            Thread.sleep(Math.max(0, Duration.ofSeconds(25).minus(sinceSignIn).toMillis()));
            doctor.driver.get(PORTAL + "/doctor?q=" + ZHANG_WEI);
            assertThat(doctor.script("return performance.getEntriesByType('navigation')[0].responseStatus")).isEqualTo(200L);

            // signing out ends her session at the issuer too, which sends her back to the portal's home ...
            doctor.submit(By.cssSelector("header form[action$='/logout']"));
            doctor.await(d -> d.getCurrentUrl().equals(PORTAL + "/"));
            assertThat(doctor.driver.findElements(By.cssSelector("header .who form"))).as("signed out").isEmpty();
            assertThat(doctor.driver.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
                    .as("the browser followed the sign-out to the issuer").noneMatch(m -> m.contains("form-action"));
            // ... so the next page asks for her password again instead of signing her in silently
            doctor.driver.get(PORTAL + "/doctor");
            doctor.await(d -> !d.findElements(By.id("username")).isEmpty());
            assertThat(doctor.driver.getCurrentUrl()).startsWith(ISSUER);
        }
    }

    @Test
    @Order(3)
    void aPatientSeesHisRecordsTheStayPaysOnceSeesWhoLookedAndOptsOutAndBackIn() throws Exception {
        try (Browser patient = new Browser("zhang.wei")) {
            patient.open("/patient/records", "patient-records");
            List<String> hospitals = patient.driver.findElements(By.cssSelector("#timeline tbody tr")).stream()
                    .map(row -> row.getAttribute("data-hospital")).distinct().toList();
            assertThat(hospitals).contains("H001", "H002");

            patient.open("/patient/bills", "patient-stay");
            assertThat(patient.driver.findElement(By.id("running-total")).getText()).contains("¥838.00");
            theSplitSoFarIsBillingsOwnAndAnEstimate(patient);

            String bill = dischargeTheDemoStay();
            patient.open("/patient/bills", "patient-bills");
            patient.click(By.cssSelector("a.bill-link"));
            patient.checkPage("patient-bill");
            assertThat(patient.driver.findElement(By.id("split")).getText()).contains("Paid by the insurance fund")
                    .contains("You pay");
            String page = patient.driver.getCurrentUrl();
            // a double click on the pay button, then the form sent again as a reload would
            new Actions(patient.driver).doubleClick(patient.driver.findElement(By.id("pay-button"))).perform();
            new WebDriverWait(patient.driver, Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("receipt-number")).isEmpty());
            patient.checkPage("patient-receipt");
            String receipt = patient.driver.findElement(By.id("receipt-number")).getText();
            patient.driver.navigate().back();
            patient.driver.navigate().refresh();
            patient.driver.get(page);
            assertThat(patient.driver.findElement(By.id("receipt-number")).getText()).isEqualTo(receipt);
            assertThat(patient.driver.findElements(By.id("pay-button"))).as("nothing left to pay").isEmpty();
            String statement = billing("/cards/SC0000000001/statement", systemToken("bureau-admin"));
            assertThat(Pattern.compile("\"billId\":" + bill + ",").matcher(statement).results().count())
                    .as("one payment for the bill, by billing's own statement").isEqualTo(1);

            patient.open("/patient/access-log", "patient-access-log");
            assertThat(patient.driver.findElements(By.cssSelector("#access-log tr[data-break-glass=true]")))
                    .as("the doctor's break-glass, marked with her reason").isNotEmpty();
            assertThat(patient.driver.findElement(By.id("access-log")).getText()).contains(REASON);

            patient.open("/patient/sharing", "patient-sharing");
            patient.submit(By.cssSelector("main form"));
            patient.await(d -> d.findElement(By.id("sharing-state")).getText().contains("opted out"));
            patient.checkPage("patient-opted-out");
            patient.submit(By.cssSelector("main form"));
            patient.await(d -> d.findElement(By.id("sharing-state")).getText().contains("can see"));
        }
    }

    @Test
    @Order(4)
    void aPersonOfTheInsurerFollowsTheSettlementDownloadsItsFilesSendsItsStatementAndReadsTheDiscrepancies()
            throws Exception {
        billLiNaOutpatient("hospital-h001", "H001-OUT-PORTAL-1", "86.50");
        billLiNaOutpatient("hospital-h003", "H003-OUT-PORTAL-1", "240.00");
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        Path statements = Files.createDirectories(Path.of("target/portal-it-statements").toAbsolutePath());
        try (Browser insurer = new Browser("wu.jing")) {
            insurer.open("/insurer", "insurer-settlements-before");
            // the bureau's nightly run, started now for today; the open page follows it without a reload
            long run = startTheSettlementOf(today);
            new WebDriverWait(insurer.driver, Duration.ofSeconds(60))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> d.findElements(By.id("run-" + run)).stream()
                            .anyMatch(row -> row.getText().contains("Completed") && row.getText().contains("100 %")));
            insurer.checkPage("insurer-settlement-run-followed");

            insurer.open("/insurer?day=" + today, "insurer-settlements");
            assertThat(insurer.driver.findElement(By.cssSelector("svg.chart")).getAttribute("innerHTML"))
                    .contains("H001").contains("H003");
            String perHospital = insurer.driver.findElement(By.id("per-hospital")).getText();
            String batchDay = batch("/insurers/CITY-FUND/settlements?days=1&until=" + today, systemToken("bureau-admin"));
            for (String hospital : List.of("H001", "H003")) {
                String fund = Pattern.compile("\"hospital\":\"" + hospital + "\",\"settlements\":\\d+,\"totalFen\":\\d+,"
                        + "\"fundFen\":(\\d+)").matcher(batchDay).results().findFirst().orElseThrow().group(1);
                assertThat(perHospital).as("the batch's fund share for " + hospital)
                        .contains("¥" + new java.text.DecimalFormat("#,##0.00",
                                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.US)).format(new BigDecimal(fund).movePointLeft(2)));
            }
            String insurerToken = systemToken("insurer-city-fund");
            String totals = insurer.download("/insurer/files/" + today + "/totals.tsv");
            String detail = insurer.download("/insurer/files/" + today + "/detail.tsv");
            assertThat(totals).as("the same file the insurer's system fetches")
                    .isEqualTo(batch("/insurers/CITY-FUND/" + today + "/settlement/totals.tsv", insurerToken));
            assertThat(detail).isEqualTo(batch("/insurers/CITY-FUND/" + today + "/settlement/detail.tsv", insurerToken));

            // statements that are not the platform's files: each refused on the page, nothing reaches the batch
            Path goodTotals = Files.writeString(statements.resolve("totals.tsv"), totals);
            Path picture = Files.write(statements.resolve("detail.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 0, 1, 2});
            Path commas = Files.writeString(statements.resolve("detail.csv"), detail.replace('\t', ','));
            Path large = statements.resolve("detail-large.tsv");
            try (var file = new java.io.RandomAccessFile(large.toFile(), "rw")) {
                file.setLength(21L * 1024 * 1024);
            }
            Path huge = statements.resolve("detail-huge.tsv");
            try (var file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
                file.setLength(140L * 1024 * 1024);
            }
            insurer.open("/insurer/reconciliation?day=" + today, "insurer-reconciliation");
            Map<Path, String> refusals = Map.of(picture, "is not UTF-8 text", commas, "separated by commas",
                    large, "larger than 20 MB", huge, "far larger than a statement");
            for (Map.Entry<Path, String> refused : refusals.entrySet()) {
                insurer.sendStatement(goodTotals, refused.getKey());
                assertThat(insurer.driver.findElement(By.id("statement-problem")).getText()).as(refused.getKey().toString())
                        .contains(refused.getValue()).contains("Nothing was sent");
                insurer.checkPage("insurer-statement-refused-" + refused.getKey().getFileName().toString().replace('.', '-'));
            }
            assertThat(batch("/insurers/CITY-FUND/runs", insurerToken)).as("no reconciliation was started")
                    .doesNotContain("insurer-reconciliation");

            // the statement with one amount of its own: one discrepancy, shown in the table
            String[] first = detail.lines().findFirst().orElseThrow().split("\t");
            String changed = String.join("\t", first[0], first[1], first[2], first[3],
                    new BigDecimal(first[4]).add(BigDecimal.ONE).toPlainString(), first[5], first[6]);
            Path theirs = Files.writeString(statements.resolve("detail.tsv"),
                    detail.replaceFirst(Pattern.quote(String.join("\t", first)), changed));
            insurer.sendStatement(goodTotals, theirs);
            assertThat(insurer.driver.getCurrentUrl()).contains("run=");
            new WebDriverWait(insurer.driver, Duration.ofSeconds(60))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.id("run-status")).getText().equals("Completed"));
            insurer.click(By.linkText("See the discrepancy report"));
            insurer.checkPage("insurer-discrepancies");
            assertThat(insurer.driver.findElement(By.id("report-count")).getText()).isEqualTo("1");
            assertThat(insurer.driver.findElement(By.id("discrepancies")).getText()).contains(first[0])
                    .contains("Amounts differ");
        } finally {
            Folders.delete(statements);
        }
        try (Browser doctor = new Browser("dr.chen")) {
            doctor.driver.get(PORTAL + "/insurer");
            assertThat(doctor.script("return performance.getEntriesByType('navigation')[0].responseStatus"))
                    .as("a doctor has no insurer's pages").isEqualTo(403L);
        }
    }

    /** An outpatient visit of Li Na (City Fund) at the hospital, charged and discharged today: a bill to settle. */
    private static void billLiNaOutpatient(String hospital, String visitId, String price) throws Exception {
        String token = systemToken(hospital);
        String visit = send("POST", BILLING + "/visits", token, """
                {"cardNumber":"SC0000000002","kind":"OUTPATIENT","hospitalVisitId":"%s"}""".formatted(visitId));
        String id = visit.replaceAll("(?s).*?\"id\"\\s*:\\s*(\\d+).*", "$1");
        send("POST", BILLING + "/visits/" + id + "/charges", token, """
                {"lines":[{"chargeId":"%s-C-1","code":"110900001","quantity":1,"unitPrice":%s}]}""".formatted(visitId, price));
        send("POST", BILLING + "/visits/" + id + "/discharge", token, null);
    }

    /** The bureau starts the settlement of the day (a run of its own, apart from the nightly one); answers its id. */
    private static long startTheSettlementOf(String day) throws Exception {
        String started = send("POST", BATCH + "/jobs/insurer-settlement/executions", systemToken("bureau-admin"),
                "{\"period\":\"" + day + "\",\"run\":\"portal-journey-" + System.nanoTime() + "\"}");
        return Long.parseLong(started.replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1"));
    }

    private static String send(String method, String url, String token, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(ANSWER_WITHIN)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + url + ": " + response.body()).isIn(200, 201, 202);
        return response.body();
    }

    private static String batch(String path, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(BATCH + path)).timeout(ANSWER_WITHIN)
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    /** H002's HIS admits Zhang Wei (dr.chen's hospital now cares for him); H001's lab sends today's haemoglobin. */
    private static void admitZhangWeiAtH002AndRecordARecentHaemoglobinAtH001() throws Exception {
        String now = java.time.OffsetDateTime.now().toString();
        push("hospital-h002", """
                {"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Encounter",
                 "identifier":[{"system":"https://fhir.onecity.example/sid/hospital/H002/encounter","value":"H002-STAY-DEMO-1"}],
                 "status":"in-progress","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP","display":"inpatient encounter"},
                 "subject":{"reference":"Patient?identifier=https://fhir.onecity.example/sid/hospital/H002/mrn|MRN-1"},
                 "period":{"start":"%s"}},
                 "request":{"method":"PUT","url":"Encounter?identifier=https://fhir.onecity.example/sid/hospital/H002/encounter|H002-STAY-DEMO-1"}}]}
                """.formatted(now));
        push("hospital-h001", """
                {"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Observation",
                 "identifier":[{"system":"https://fhir.onecity.example/sid/hospital/H001/lab-result","value":"OBS-PORTAL-HB"}],
                 "status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],
                 "code":{"coding":[{"system":"http://loinc.org","code":"718-7","display":"Hemoglobin [Mass/volume] in Blood"}]},
                 "subject":{"reference":"Patient?identifier=https://fhir.onecity.example/sid/hospital/H001/mrn|MRN-1"},
                 "effectiveDateTime":"%s","valueQuantity":{"value":12.9,"unit":"g/dL","system":"http://unitsofmeasure.org","code":"g/dL"}},
                 "request":{"method":"PUT","url":"Observation?identifier=https://fhir.onecity.example/sid/hospital/H001/lab-result|OBS-PORTAL-HB"}}]}
                """.formatted(now));
    }

    private static void push(String hospital, String bundle) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(FHIR)).timeout(ANSWER_WITHIN)
                .header("Content-Type", "application/fhir+json").header("Authorization", "Bearer " + systemToken(hospital))
                .POST(HttpRequest.BodyPublishers.ofString(bundle)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /**
     * The stay's split so far on the patient's page: each share as billing's pre-settlement states it to H002, the
     * hospital running the stay, and labelled an estimate.
     */
    private static void theSplitSoFarIsBillingsOwnAndAnEstimate(Browser patient) throws Exception {
        String visit = demoStayVisit();
        String preSettlement = billing("/visits/" + visit + "/pre-settlement", systemToken("hospital-h002"));
        assertThat(share(preSettlement, "total")).isEqualByComparingTo("838.00");
        WebElement stay = patient.driver.findElement(By.id("stay-" + visit));
        assertThat(stay.findElement(By.cssSelector(".estimate")).getText()).contains("estimate").contains("discharge");
        Map<String, String> steps = Map.of("split.total", "total", "split.deductible", "deductible",
                "split.fund", "fund", "split.personal-account", "personalAccount", "split.patient", "patient");
        steps.forEach((step, field) -> {
            java.math.BigDecimal amount = share(preSettlement, field);
            List<WebElement> cells = stay.findElements(By.cssSelector("tr[data-step='" + step + "'] td.money"));
            if (amount.signum() == 0 && !List.of("split.fund", "split.patient", "split.total").contains(step)) {
                assertThat(cells).as(step + " is left out when empty").isEmpty();
            } else {
                assertThat(cells).as(step).hasSize(1);
                assertThat(cells.get(0).getText()).as(step)
                        .isEqualTo("¥" + String.format(java.util.Locale.ENGLISH, "%,.2f", amount));
            }
        });
    }

    /** An amount of billing's split answer, exact. */
    private static java.math.BigDecimal share(String split, String field) {
        var found = Pattern.compile("\"" + field + "\"\\s*:\\s*\"?(-?[0-9.]+)").matcher(split);
        assertThat(found.find()).as(field + " in " + split).isTrue();
        return new java.math.BigDecimal(found.group(1));
    }

    /** Billing's id of the demo stay, as H002 finds it by its own visit id. */
    private static String demoStayVisit() throws Exception {
        return billing("/visits?hospitalVisitId=H002-STAY-DEMO-1", systemToken("hospital-h002"))
                .replaceAll("(?s).*?\"id\"\\s*:\\s*(\\d+).*", "$1");
    }

    /** H002 discharges the demo stay (its HIS would); answers the bill's id. */
    private static String dischargeTheDemoStay() throws Exception {
        String h002 = systemToken("hospital-h002");
        String visit = demoStayVisit();
        HttpResponse<String> bill = http.send(HttpRequest.newBuilder(URI.create(BILLING + "/visits/" + visit + "/discharge"))
                .timeout(ANSWER_WITHIN)
                .header("Authorization", "Bearer " + h002).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bill.statusCode()).as(bill.body()).isIn(200, 201);
        return bill.body().replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1");
    }

    private static String billing(String path, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(BILLING + path))
                .timeout(ANSWER_WITHIN)
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static String bureau(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(FHIR + query)).timeout(ANSWER_WITHIN)
                .header("Authorization", "Bearer " + systemToken("bureau-admin")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String systemToken(String client) {
        return new Tokens(ISSUER).forSystem(client, identities.client(client).orElseThrow().secret());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String axeScript() {
        return "/META-INF/resources/webjars/axe-core/" + System.getProperty("axe.version", "4.6.3") + "/axe.min.js";
    }

    /** One person's browser, signed in through the issuer's login form; quit whatever happens. */
    private static final class Browser implements AutoCloseable {

        final WebDriver driver;
        final Instant signedInAt;
        private final HeadlessChromium chromium;

        Browser(String username) throws IOException {
            chromium = new HeadlessChromium(options -> {
                LoggingPreferences logs = new LoggingPreferences();
                logs.enable(LogType.BROWSER, Level.ALL);
                options.setCapability("goog:loggingPrefs", logs);
            });
            driver = chromium.driver;
            try {
                chromium.signIn(PORTAL, ISSUER, username);
                signedInAt = Instant.now();
                checkPage(username + "-home");
                assertThat(driver.findElement(By.cssSelector("header .who")).getText()).isNotBlank();
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
        }

        void open(String path, String name) {
            driver.get(PORTAL + path);
            checkPage(name);
        }

        void click(By what) {
            driver.findElement(what).click();
        }

        /** Sends the form and waits for the page it leads to. */
        void submit(By form) {
            WebElement page = driver.findElement(By.tagName("html"));
            driver.findElement(form).findElement(By.cssSelector("button[type=submit]")).click();
            chromium.awaitNextPage(page, Duration.ofSeconds(20));
        }

        /** Waits for the page, through htmx swapping the viewer (an element found may go stale in between). */
        void await(java.util.function.Function<WebDriver, Boolean> condition) {
            new WebDriverWait(driver, Duration.ofSeconds(10))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition::apply);
        }

        /** Sends the insurer's statement form with these two files and waits for the page it leads to. */
        void sendStatement(Path totals, Path detail) {
            driver.findElement(By.id("statement-totals")).sendKeys(totals.toString());
            driver.findElement(By.id("statement-detail")).sendKeys(detail.toString());
            submit(By.id("statement"));
        }

        /** A download of the portal, asked with this browser's session (as clicking its link would). */
        String download(String path) throws Exception {
            Cookie session = driver.manage().getCookieNamed("JSESSIONID");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(PORTAL + path))
                    .timeout(ANSWER_WITHIN).header("Cookie", "JSESSIONID=" + session.getValue()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
            return response.body();
        }

        Object script(String js) {
            return ((JavascriptExecutor) driver).executeScript(js);
        }

        void assertImageShown() {
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(script(
                    "var i = document.getElementById('frame'); return i.complete && i.naturalWidth > 0;")));
        }

        /**
         * The page as a person meets it: no serious or critical accessibility violation, no console error or failed
         * request, no access token anywhere in the browser; and a screenshot.
         */
        void checkPage(String name) {
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> "complete".equals(script("return document.readyState")));
            assertThat(driver.getCurrentUrl()).as(name).startsWith(PORTAL);
            try {
                Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            script(axe);
            Object violations = ((JavascriptExecutor) driver).executeAsyncScript("""
                    var done = arguments[arguments.length - 1];
                    axe.run(document, {resultTypes: ['violations']}).then(function (r) {
                      done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
                        .map(function (v) { return v.id + ': ' + v.help + ' ' + v.nodes.map(function (n) { return n.target; }).join(' '); }));
                    }).catch(function (e) { done(['axe failed: ' + e]); });""");
            assertThat((List<?>) violations).as("axe-core on " + name).isEmpty();
            List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                    .filter(message -> !message.contains(ISSUER)) // the issuer's login page is not the portal's
                    .toList();
            assertThat(errors).as("console errors and failed requests on " + name).isEmpty();
            assertThat(JWT.matcher(driver.getPageSource()).find()).as("a token in the page " + name).isFalse();
            for (Cookie cookie : driver.manage().getCookies()) {
                assertThat(JWT.matcher(cookie.getValue()).find()).as("a token in cookie " + cookie.getName()).isFalse();
            }
            Object storage = script("return JSON.stringify(window.localStorage) + JSON.stringify(window.sessionStorage);");
            assertThat(JWT.matcher(String.valueOf(storage)).find()).as("a token in web storage").isFalse();
        }

        @Override
        public void close() {
            chromium.close();
        }
    }

    @Test
    @Order(5)
    void theBureauSeesEachHospitalsIntakeAndRefusalsTheMirrorBacklogTheJobsAndThePossibleMatches() throws Exception {
        String lookalike = h003RefusesABrokenObservationAndAdmitsAZhangWeiLookalikeWithoutCitizenId();
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> bureau("/$mdm-query-links?matchResult=POSSIBLE_MATCH")
                .contains("Patient/" + lookalike));
        String run = bureauRunsTheOverduePayLaterJob();
        try (Browser doctor = new Browser("dr.chen")) {
            doctor.driver.get(PORTAL + "/bureau/intake");
            assertThat(doctor.script("return performance.getEntriesByType('navigation')[0].responseStatus")).isEqualTo(403L);
            doctor.driver.manage().logs().get(LogType.BROWSER); // the 403 itself, expected
            doctor.checkPage("doctor-bureau-refused");
            assertThat(doctor.driver.findElements(By.id("hospital-H003"))).isEmpty();
        }
        try (Browser bureau = new Browser("liu.yang")) {
            bureau.open("/bureau/intake#hospital-H003", "bureau-intake");
            assertThat(bureau.driver.findElement(By.id("reasons-H003")).getText()).as("H003's top refusal reasons")
                    .contains("invalid");
            assertThat(bureau.driver.findElement(By.cssSelector("#hospital-H003 svg.intake")).getAttribute("role"))
                    .isEqualTo("img");
            assertThat(bureau.driver.findElements(By.cssSelector("#days-H003 tbody tr"))).hasSize(14);
            bureau.open("/bureau/intake?days=5", "bureau-intake-bad-window");
            assertThat(bureau.driver.findElement(By.id("problem")).getText()).contains("7, 14, 30 or 90");
            bureau.open("/bureau/intake?days=7&lang=zh-CN", "bureau-intake-zh");
            assertThat(bureau.driver.findElement(By.tagName("h1")).getText()).isEqualTo("医院数据接收");

            bureau.open("/bureau/operations?lang=en", "bureau-operations");
            assertThat(bureau.driver.findElement(By.id("mirror-pending")).getText()).matches("\\d+");
            WebElement runs = bureau.driver.findElement(By.id("job-runs"));
            assertThat(runs.getText()).contains("overdue-pay-later").contains(run);
            assertThat(bureau.driver.findElements(By.cssSelector("#job-runs progress"))).isNotEmpty();

            bureau.open("/bureau/matches", "bureau-matches");
            WebElement pair = bureau.driver.findElements(By.cssSelector("#matches tr.pair")).stream()
                    .filter(row -> row.getText().contains("MRN-BUREAU-LOOKALIKE")).findFirst().orElseThrow();
            assertThat(pair.getText()).contains("Wei1 Zhang").contains("H003").contains("1951").contains("male");
            assertThat(bureau.driver.findElement(By.id("how-to-accept")).getText()).contains("$mdm-update-link");
        }
    }

    /** H003 sends an Observation without its status (refused: invalid), then a record of Zhang Wei's name, birth
     * date and sex without his citizen ID (accepted; matching only proposes the link); answers the record's id. */
    private static String h003RefusesABrokenObservationAndAdmitsAZhangWeiLookalikeWithoutCitizenId() throws Exception {
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(FHIR)).timeout(ANSWER_WITHIN)
                .header("Content-Type", "application/fhir+json").header("Authorization", "Bearer " + systemToken("hospital-h003"))
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Observation",
                         "identifier":[{"system":"https://fhir.onecity.example/sid/hospital/H003/lab-result","value":"OBS-NO-STATUS"}],
                         "code":{"coding":[{"system":"http://loinc.org","code":"718-7"}]}},
                         "request":{"method":"PUT","url":"Observation?identifier=https://fhir.onecity.example/sid/hospital/H003/lab-result|OBS-NO-STATUS"}}]}
                        """)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        push("hospital-h003", """
                {"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Patient",
                 "identifier":[{"system":"https://fhir.onecity.example/sid/hospital/H003/mrn","value":"MRN-BUREAU-LOOKALIKE"},
                               {"system":"https://fhir.onecity.example/sid/insurance-card","value":"SC0000000903"}],
                 "name":[{"family":"Zhang","given":["Wei1"]}],"gender":"male","birthDate":"1951-02-02"},
                 "request":{"method":"PUT","url":"Patient?identifier=https://fhir.onecity.example/sid/hospital/H003/mrn|MRN-BUREAU-LOOKALIKE"}}]}
                """);
        String found = bureau("/Patient?identifier=" + encode("https://fhir.onecity.example/sid/hospital/H003/mrn|MRN-BUREAU-LOOKALIKE"));
        return found.replaceAll("(?s).*?\"resourceType\"\\s*:\\s*\"Patient\"\\s*,\\s*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    /** The bureau's system runs today's follow-up of overdue pay-later bills; answers the run's id once it is done. */
    private static String bureauRunsTheOverduePayLaterJob() throws Exception {
        String batch = "http://127.0.0.1:" + (8083 + OFFSET) + "/batch";
        String token = systemToken("bureau-admin");
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(batch + "/jobs/overdue-pay-later/executions"))
                .timeout(ANSWER_WITHIN).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"date\": \"" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))
                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String run = started.body().replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> http.send(HttpRequest.newBuilder(
                        URI.create(batch + "/executions/" + run)).timeout(ANSWER_WITHIN).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString()).body().matches("(?s).*\"status\":\"(COMPLETED|FAILED)\".*"));
        return run;
    }
}
