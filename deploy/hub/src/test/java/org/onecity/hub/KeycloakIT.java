package org.onecity.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onecity.common.embedded.Folders;
import org.onecity.common.embedded.JarProcess;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
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
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The city's identity provider for real: Keycloak 26 (the distribution from Maven Central) with
 * deploy/keycloak/onecity-realm.json imported, and the city record trusting it alone. Hospitals and insurers take
 * tokens by client credentials, doctors and patients sign in through Keycloak's own login form (authorization
 * code with PKCE); every rule of access then decides on those tokens as on the embedded issuer's. The portal signs
 * people in there and out again.
 */
class KeycloakIT {

    private static final String REALM_FILE = "../keycloak/onecity-realm.json";
    private static final String CITIZEN = "37020219510102001X";
    private static final String SID = "https://fhir.onecity.example/sid/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path data;
    private static Path keycloakHome;
    private static Process keycloak;
    private static String realm;
    private static HubSettings settings;
    private static Infrastructure city;
    private static JarProcess fhirServer;
    private static JarProcess billingServer;
    private static String fhir;
    private static String billing;
    private static JsonNode realmFile;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startKeycloakAndTheCityRecord() throws Exception {
        data = Files.createTempDirectory(Path.of("target"), "keycloak-it-");
        realmFile = JSON.readTree(Path.of(REALM_FILE).toFile());
        keycloakHome = unpackedKeycloak();
        int port = freePort();
        int management = freePort();
        Path imports = Files.createDirectories(keycloakHome.resolve("data").resolve("import"));
        Files.copy(Path.of(REALM_FILE), imports.resolve("onecity-realm.json"));
        ProcessBuilder start = new ProcessBuilder(keycloakHome.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true", "--hostname-strict=false", "--http-host=127.0.0.1", "--http-port=" + port,
                "--http-management-port=" + management, "--import-realm")
                .redirectErrorStream(true).redirectOutput(data.resolve("keycloak.log").toFile());
        // Keycloak's own temporary files (vert.x's cache, uploads) go with the test's data, not into /tmp
        start.environment().put("JAVA_OPTS_APPEND",
                "-Djava.io.tmpdir=" + Files.createDirectories(data.resolve("keycloak-tmp")).toAbsolutePath());
        keycloak = start.start();
        Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .until(() -> status(URI.create("http://127.0.0.1:" + management + "/health/ready")) == 200);
        realm = "http://127.0.0.1:" + port + "/realms/onecity";

        settings = new HubSettings(Path.of("../..").toAbsolutePath().normalize(), data, null, "postgres", "",
                freePort(), null, "onecity-demo", "onecity-demo-secret", freePort(), "127.0.0.1", false, 4000, realm,
                0, "unused");
        city = Infrastructure.start(settings);
        int fhirPort = freePort();
        int billingPort = freePort();
        fhir = "http://127.0.0.1:" + fhirPort + "/fhir";
        billing = "http://127.0.0.1:" + billingPort + "/billing";
        fhirServer = start("fhir-server", fhirPort, Map.of());
        // billing relays reads of its data to the city record's access log with its own Keycloak client
        billingServer = start("billing", billingPort, Map.of("ONECITY_ACCESS_LOG_RELAY_FHIR_SERVER", fhir,
                "ONECITY_ACCESS_LOG_RELAY_CLIENT_ID", "onecity-billing",
                "ONECITY_ACCESS_LOG_RELAY_CLIENT_SECRET", secretOf("onecity-billing"), "ONECITY_FHIR_SERVER_URL", fhir));
        fhirServer.awaitHealthy(URI.create("http://127.0.0.1:" + fhirPort + "/actuator/health"), Duration.ofMinutes(5));
        billingServer.awaitHealthy(URI.create("http://127.0.0.1:" + billingPort + "/actuator/health"),
                Duration.ofMinutes(5));
    }

    private static JarProcess start(String service, int port, Map<String, String> more) {
        ServiceSpec spec = ServiceSpec.named(settings, service);
        Map<String, String> environment = new java.util.HashMap<>(city.environmentFor(spec));
        environment.put("SERVER_PORT", String.valueOf(port));
        environment.putAll(more);
        return JarProcess.start(service, spec.jar(settings.home()), spec.heap(), environment, List.of(),
                data.resolve(service + ".log"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (billingServer != null) {
            billingServer.close();
        }
        if (fhirServer != null) {
            fhirServer.close();
        }
        if (city != null) {
            city.close();
        }
        if (keycloak != null) {
            keycloak.descendants().forEach(ProcessHandle::destroy);
            keycloak.destroy();
            keycloak.waitFor(30, TimeUnit.SECONDS);
            keycloak.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        if (keycloakHome != null) {
            Folders.delete(keycloakHome.resolve("data"));
        }
        keepLogs();
        Folders.delete(data);
    }

    /** The processes' logs outlive the data, in target, for whoever reads a failure. */
    private static void keepLogs() throws IOException {
        if (data == null || !Files.exists(data)) {
            return;
        }
        Path logs = Files.createDirectories(Path.of("target", "keycloak-it-logs"));
        try (var files = Files.list(data)) {
            for (Path log : files.filter(file -> file.getFileName().toString().endsWith(".log")).toList()) {
                Files.copy(log, logs.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * The portal with Keycloak as the city's issuer: a doctor signs in at Keycloak's own login form in a real browser,
     * the portal reads the city record with her Keycloak token, and signing out ends her session at Keycloak too.
     */
    @Test
    void aDoctorSignsInToThePortalAtKeycloakAndSigningOutEndsHerSessionThere() throws Exception {
        int port = freePort();
        String portal = "http://127.0.0.1:" + port;
        try (JarProcess portalServer = start("portal", port, Map.of("ONECITY_PORTAL_FHIR_URL", fhir,
                "ONECITY_PORTAL_BILLING_URL", billing));
             HeadlessChromium chromium = new HeadlessChromium(options -> { })) {
            portalServer.awaitHealthy(URI.create(portal + "/actuator/health"), Duration.ofMinutes(3));
            WebDriver browser = chromium.driver;

            chromium.signIn(portal, realm, "dr.chen");
            assertThat(browser.findElement(By.cssSelector("header .who")).getText()).contains("Chen").contains("H002");
            browser.get(portal + "/doctor?q=" + CITIZEN);
            assertThat(((JavascriptExecutor) browser).executeScript(
                    "return performance.getEntriesByType('navigation')[0].responseStatus"))
                    .as("the city record answered the portal's search with her Keycloak token").isEqualTo(200L);

            WebElement page = browser.findElement(By.tagName("html"));
            browser.findElement(By.cssSelector("header form[action$='/logout'] button")).click();
            chromium.awaitNextPage(page, Duration.ofSeconds(30));
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().equals(portal + "/"));
            browser.get(portal + "/doctor");
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.findElements(By.id("username")).isEmpty());
            assertThat(browser.getCurrentUrl()).as("Keycloak asks for her password again").startsWith(realm);
        }
    }

    @Test
    void theAccessRulesDecideOnKeycloaksTokensAsOnTheEmbeddedIssuers() throws Exception {
        String h001 = clientToken("hospital-h001");
        String h002 = clientToken("hospital-h002");
        assertThat(claims(h001)).containsEntry("sub", "hospital-h001").containsEntry("onecity_role", "hospital-system")
                .containsEntry("onecity_hospital", "H001");

        // Zhang Wei's result at H001, and a stay at H002 now: H002's doctors care for him
        recordZhangWeisResultAtH001(h001);
        assertThat(push(h002, """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:b3c0a2f4-0000-4000-8000-000000000003","resource":{"resourceType":"Patient",
                   "identifier":[{"system":"%1$shospital/H002/mrn","value":"KC-2"},{"system":"%1$scitizen-id","value":"%2$s"}],
                   "name":[{"family":"Zhang","given":["Wei"]}],"gender":"male","birthDate":"1951-01-02"},
                  "request":{"method":"POST","url":"Patient","ifNoneExist":"identifier=%1$shospital/H002/mrn|KC-2"}},
                 {"fullUrl":"urn:uuid:b3c0a2f4-0000-4000-8000-000000000004","resource":{"resourceType":"Encounter",
                   "identifier":[{"system":"%1$shospital/H002/encounter","value":"KC-STAY-1"}],"status":"in-progress",
                   "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP"},
                   "subject":{"reference":"urn:uuid:b3c0a2f4-0000-4000-8000-000000000003"},
                   "period":{"start":"2026-12-01T09:00:00+08:00"}},
                  "request":{"method":"POST","url":"Encounter","ifNoneExist":"identifier=%1$shospital/H002/encounter|KC-STAY-1"}}]}"""
                .formatted(SID, CITIZEN)).statusCode()).isEqualTo(200);
        String observation = "/Observation/" + idOf(get("/Observation?identifier=" + SID + "hospital/H001/lab-result%7CKC-OBS-1",
                clientToken("bureau-admin")).body(), "Observation");

        String drChen = personToken("dr.chen", "openid fhirUser user/*.rs");
        String drZhao = personToken("dr.zhao", "openid fhirUser user/*.rs");
        String zhangWei = personToken("zhang.wei", "openid fhirUser patient/*.rs");
        String liNa = personToken("li.na", "openid fhirUser patient/*.rs");
        assertThat(claims(drChen)).containsEntry("sub", "dr.chen").containsEntry("onecity_role", "doctor")
                .containsEntry("onecity_hospital", "H002").containsEntry("fhirUser", "Practitioner/dr-chen");
        assertThat(claims(zhangWei)).containsEntry("sub", "zhang.wei").containsEntry("onecity_citizen_id", CITIZEN);

        assertThat(get(observation, null).statusCode()).as("no token").isEqualTo(401);
        assertThat(get(observation, tampered(drChen)).statusCode()).as("a Keycloak token with a forged signature")
                .isEqualTo(401);
        assertThat(get(observation, drChen).statusCode()).as("a doctor caring for him, at another hospital").isEqualTo(200);
        assertThat(get(observation, drZhao).statusCode()).as("a doctor not caring for him").isEqualTo(404);
        assertThat(get(observation, zhangWei).statusCode()).as("the patient himself").isEqualTo(200);
        assertThat(get(observation, liNa).statusCode()).as("another patient").isEqualTo(404);
        assertThat(get(observation, clientToken("hospital-h003")).statusCode())
                .as("a hospital's system reading another hospital's result").isEqualTo(404);
        assertThat(get(observation, clientToken("insurer-city-fund")).statusCode()).as("an insurer reads no results")
                .isEqualTo(403);
        assertThat(get(observation, personToken("zhang.wei", "openid")).statusCode())
                .as("a token without a FHIR scope").isEqualTo(403);
        assertThat(send("PUT", observation, h002, get(observation, zhangWei).body()).statusCode())
                .as("another hospital's system writing H001's result").isEqualTo(403);

        // every other route to the same result decides alike
        String patient = idOf(get("/Patient?identifier=" + SID + "hospital/H001/mrn%7CKC-1", clientToken("bureau-admin"))
                .body(), "Patient");
        Map<String, String> routes = Map.of(
                "a search naming the patient", "/Observation?subject=Patient/" + patient,
                "$everything", "/Patient/" + patient + "/$everything",
                "_revinclude", "/Patient?_id=" + patient + "&_revinclude=Observation:subject",
                "the history of the result", observation + "/_history");
        routes.forEach((route, path) -> {
            assertThat(readsResult(path, drChen)).as(route + ", the doctor caring for him").isTrue();
            assertThat(readsResult(path, drZhao)).as(route + ", a doctor not caring for him").isFalse();
            assertThat(readsResult(path, liNa)).as(route + ", another patient").isFalse();
        });
        HttpResponse<String> glass = send("GET", observation, drZhao, null,
                Map.of("X-Break-Glass-Reason", "Unconscious in the emergency room, allergies unknown"));
        assertThat(glass.statusCode()).as("break-glass with a reason").isEqualTo(200);

        String accessLog = get("/AuditEvent?_count=100", zhangWei).body();
        assertThat(accessLog).as("his access log names who looked, break-glass marked").contains("dr.chen")
                .contains("Break-glass: Unconscious in the emergency room");

        // his opt-out, recorded by himself on a Keycloak token, closes H001's result to H002's doctor
        String optOut = """
                {"resourceType":"Consent","status":"active",
                 "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
                 "category":[{"coding":[{"system":"https://fhir.onecity.example/CodeSystem/consent-kind",
                   "code":"no-cross-hospital-sharing"}]}],
                 "patient":{"reference":"Patient/%s"},"policyRule":{"text":"OneCity sharing across hospitals"},
                 "provision":{"type":"deny"}}""".formatted(patient);
        String consents = "openid fhirUser patient/Consent.cru";
        assertThat(send("POST", "/Consent", personToken("li.na", consents), optOut).statusCode())
                .as("another patient recording his opt-out").isEqualTo(403);
        assertThat(send("POST", "/Consent", personToken("zhang.wei", consents), optOut).statusCode())
                .as("his own opt-out").isEqualTo(201);
        assertThat(get(observation, drChen).statusCode()).as("H002's doctor after his opt-out").isEqualTo(404);
    }

    @Test
    void billingDecidesOnKeycloaksTokensAndItsReadsReachTheCardholdersAccessLog() throws Exception {
        // the city record knows him, so that billing's relayed reads find whose log they belong to
        recordZhangWeisResultAtH001(clientToken("hospital-h001"));
        String bureau = clientToken("bureau-admin");
        String h002 = clientToken("hospital-h002");
        assertThat(bill("PUT", "/cards/KC-CARD-1", bureau, """
                {"citizenId":"%s","holderName":"Zhang Wei","scheme":"EMPLOYEE","insurer":"CITY-FUND",
                 "creditLimit":20000,"personalBalance":0}""".formatted(CITIZEN), null).statusCode()).isEqualTo(201);
        HttpResponse<String> visit = bill("POST", "/visits", h002, """
                {"cardNumber":"KC-CARD-1","kind":"INPATIENT","hospitalVisitId":"KC-BILLED-STAY"}""", null);
        assertThat(visit.statusCode()).as(visit.body()).isEqualTo(201);
        String visitPath = "/visits/" + JSON.readTree(visit.body()).path("id").asText();
        assertThat(bill("POST", visitPath + "/charges", h002, """
                {"lines":[{"chargeId":"KC-C-1","code":"110900001","quantity":2,"unitPrice":120}]}""", null)
                .statusCode()).isEqualTo(201);
        HttpResponse<String> discharged = bill("POST", visitPath + "/discharge", h002, null, null);
        assertThat(discharged.statusCode()).as(discharged.body()).isEqualTo(201);
        JsonNode bill = JSON.readTree(discharged.body());
        String billPath = "/bills/" + bill.path("id").asText();
        String share = bill.path("split").path("patient").asText();

        String zhangWei = personToken("zhang.wei", "openid fhirUser patient/*.rs patient/PaymentNotice.c");
        String liNa = personToken("li.na", "openid fhirUser patient/*.rs patient/PaymentNotice.c");
        String drChen = personToken("dr.chen", "openid fhirUser user/*.rs");
        assertThat(bill("GET", billPath, null, null, null).statusCode()).as("no token").isEqualTo(401);
        assertThat(bill("GET", billPath, zhangWei, null, null).statusCode()).as("the cardholder").isEqualTo(200);
        assertThat(bill("GET", billPath, liNa, null, null).statusCode()).as("another patient").isEqualTo(403);
        assertThat(bill("GET", billPath, drChen, null, null).statusCode()).as("a doctor: no business with bills")
                .isEqualTo(403);
        assertThat(bill("GET", billPath, clientToken("insurer-city-fund"), null, null).statusCode())
                .as("his insurer").isEqualTo(200);
        assertThat(bill("GET", billPath, clientToken("insurer-harbour-health"), null, null).statusCode())
                .as("another insurer").isEqualTo(403);
        assertThat(bill("GET", billPath, clientToken("hospital-h001"), null, null).statusCode())
                .as("a hospital that did not bill him").isEqualTo(403);

        String payment = "{\"amount\":\"" + share + "\"}";
        assertThat(bill("POST", billPath + "/payments", liNa, payment, "KC-PAY-0").statusCode())
                .as("another patient paying his bill").isEqualTo(403);
        assertThat(bill("POST", billPath + "/payments", zhangWei, payment, "KC-PAY-1").statusCode())
                .as("he pays once").isEqualTo(201);
        assertThat(bill("POST", billPath + "/payments", zhangWei, payment, "KC-PAY-1").statusCode())
                .as("the same payment again").isEqualTo(200);

        // the insurer's look at his bill, relayed by billing with its own Keycloak client, is in his one list
        String fhirToken = personToken("zhang.wei", "openid fhirUser patient/*.rs");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(get("/AuditEvent?_count=100", fhirToken).body()).contains("insurer-city-fund"));
    }

    /** Zhang Wei's record and a result at H001, as H001's system pushes them (again: nothing new). */
    private static void recordZhangWeisResultAtH001(String h001) throws Exception {
        assertThat(push(h001, """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:b3c0a2f4-0000-4000-8000-000000000001","resource":{"resourceType":"Patient",
                   "identifier":[{"system":"%1$shospital/H001/mrn","value":"KC-1"},{"system":"%1$scitizen-id","value":"%2$s"}],
                   "name":[{"family":"Zhang","given":["Wei"]}],"gender":"male","birthDate":"1951-01-02"},
                  "request":{"method":"POST","url":"Patient","ifNoneExist":"identifier=%1$shospital/H001/mrn|KC-1"}},
                 {"fullUrl":"urn:uuid:b3c0a2f4-0000-4000-8000-000000000002","resource":{"resourceType":"Observation",
                   "identifier":[{"system":"%1$shospital/H001/lab-result","value":"KC-OBS-1"}],"status":"final",
                   "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],
                   "code":{"coding":[{"system":"http://loinc.org","code":"718-7","display":"Hemoglobin"}]},
                   "subject":{"reference":"urn:uuid:b3c0a2f4-0000-4000-8000-000000000001"},
                   "effectiveDateTime":"2026-11-30T08:00:00+08:00",
                   "valueQuantity":{"value":132,"unit":"g/L","system":"http://unitsofmeasure.org","code":"g/L"}},
                  "request":{"method":"POST","url":"Observation","ifNoneExist":"identifier=%1$shospital/H001/lab-result|KC-OBS-1"}}]}"""
                .formatted(SID, CITIZEN)).statusCode()).isEqualTo(200);
    }

    /** A search or read answered with the H001 result in it (a refusal or an answer without it is false). */
    private static boolean readsResult(String path, String token) {
        try {
            HttpResponse<String> response = get(path, token);
            return response.statusCode() == 200 && response.body().contains("KC-OBS-1");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token with its signature's first character changed: Keycloak never signed this one. */
    private static String tampered(String token) {
        int signature = token.lastIndexOf('.') + 1;
        char first = token.charAt(signature);
        return token.substring(0, signature) + (first == 'A' ? 'B' : 'A') + token.substring(signature + 1);
    }

    // --- Keycloak ---

    /** The distribution Maven copied into target (pre-integration-test), unpacked and built once. */
    private static Path unpackedKeycloak() throws Exception {
        Path target = Path.of("target");
        Path home;
        try (var found = Files.list(target)) {
            home = found.filter(p -> p.getFileName().toString().startsWith("keycloak-26")).findFirst().orElse(null);
        }
        if (home == null) {
            run(List.of("tar", "xzf", "keycloak-dist/keycloak.tar.gz"), target);
            try (var found = Files.list(target)) {
                home = found.filter(p -> p.getFileName().toString().startsWith("keycloak-26")).findFirst().orElseThrow();
            }
        }
        home = home.toAbsolutePath();
        Folders.delete(home.resolve("data"));
        if (!Files.exists(home.resolve(".onecity-built"))) {
            run(List.of(home.resolve("bin/kc.sh").toString(), "build", "--db=dev-file", "--health-enabled=true"), home);
            Files.writeString(home.resolve(".onecity-built"), "dev-file, health");
        }
        return home;
    }

    private static String clientToken(String clientId) throws Exception {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secretOf(clientId)));
    }

    private static String secretOf(String clientId) {
        for (JsonNode client : realmFile.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client.path("secret").asText();
            }
        }
        throw new IllegalArgumentException("no client " + clientId + " in the realm");
    }

    /** A person signing in through Keycloak's login form: authorization code with PKCE, as the portal does. */
    private static String personToken(String username, String scopes) throws Exception {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = "http://localhost:8080/callback";
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(realm
                + "/protocol/openid-connect/auth?client_id=onecity-app&response_type=code&state=s1"
                + "&redirect_uri=" + encode(redirect) + "&scope=" + encode(scopes) + "&code_challenge=" + challenge
                + "&code_challenge_method=S256")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher action = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"").matcher(page.body());
        assertThat(action.find()).as("Keycloak's login form").isTrue();
        // the login session's cookies, sent back as a browser does (they are marked Secure, and this is plain HTTP)
        String cookies = page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                .collect(Collectors.joining("; "));
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
                .POST(form(Map.of("username", username, "password", "demo", "credentialId", ""))).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = signedIn.headers().firstValue("Location").orElse("");
        assertThat(location).as("back to the app with a code, no page asking for more (" + signedIn.statusCode() + " "
                + signedIn.body().substring(0, Math.min(400, signedIn.body().length())) + ")").startsWith(redirect);
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        assertThat(code.find()).isTrue();
        return token(Map.of("grant_type", "authorization_code", "client_id", "onecity-app", "code", code.group(1),
                "redirect_uri", redirect, "code_verifier", verifier));
    }

    private static String token(Map<String, String> parameters) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(form(parameters)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static Map<String, Object> claims(String token) throws IOException {
        byte[] payload = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
        @SuppressWarnings("unchecked")
        Map<String, Object> claims = JSON.readValue(payload, Map.class);
        return claims;
    }

    // --- the city record ---

    private static HttpResponse<String> push(String token, String bundle) throws Exception {
        return send("POST", "", token, bundle);
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, token, null);
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        return send(method, path, token, body, Map.of());
    }

    private static HttpResponse<String> send(String method, String path, String token, String body,
            Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fhir + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/fhir+json");
        headers.forEach(request::header);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/fhir+json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // --- billing ---

    private static HttpResponse<String> bill(String method, String path, String token, String body,
            String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(billing + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String idOf(String bundle, String type) {
        Matcher id = Pattern.compile("\"fullUrl\"\\s*:\\s*\"[^\"]*/" + type + "/([^\"/]+)\"").matcher(bundle);
        assertThat(id.find()).as(bundle).isTrue();
        return id.group(1);
    }

    private static HttpRequest.BodyPublisher form(Map<String, String> fields) {
        return HttpRequest.BodyPublishers.ofString(fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&")));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static int status(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException notYet) {
            return -1;
        }
    }

    private static void run(List<String> command, Path folder) throws Exception {
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES) && process.exitValue() == 0).as(String.join(" ", command)).isTrue();
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
