package org.onecity.fhir.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.onecity.common.test.CityTokens;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FHIR door's hostile input corpus: what a broken or malicious hospital system may send, in JSON and XML, within
 * the 64 MB a request may carry. Each is refused with a clear 4xx and an OperationOutcome (never a 500, never an
 * out-of-memory), nothing of it is stored, and the next good push is served. The server runs at its production heap.
 */
@CityRecordTest
class HostileFhirInputTest {

    private static final String JSON = "application/fhir+json";
    private static final String XML = "application/fhir+xml";

    /** Versions of what callers sent: city patients are made by matching in the background, whenever it runs. */
    static final String SENT_VERSIONS = "select count(*) from hfj_res_ver v where v.res_type <> 'AuditEvent' and not exists "
            + "(select 1 from mpi_link l where l.golden_resource_pid = v.res_id)";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CityRecordClient city;

    record Hostile(String name, String path, String contentType, String encoding, Supplier<byte[]> body,
                   List<Integer> statuses) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> corpus() {
        return Stream.of(
                json("truncated transaction", "", () -> "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"res", 400),
                json("nesting 100,000 arrays deep", "/Patient",
                        () -> "{\"resourceType\":\"Patient\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}", 400),
                json("extensions nested 5,000 deep", "/Patient", () -> "{\"resourceType\":\"Patient\","
                        + "\"extension\":[{\"url\":\"http://x.example/e\",".repeat(5_000) + "\"valueString\":\"x\""
                        + "}]".repeat(5_000) + "}", 400),
                json("a 40 MB name", "/Patient", () -> patient("\"" + "W".repeat(40 << 20) + "\""), 400),
                json("a 2 MB name, past FHIR's 1 MiB for a string", "/Patient", () -> patient("\"" + "W".repeat(2 << 20) + "\""), 400),
                json("a number of 2 million digits", "/Observation", () -> observation("1" + "0".repeat(2_000_000)), 400),
                json("a value of 10 to the billionth", "/Observation", () -> observation("1e999999999"), 400, 422),
                json("a value of 10 to the minus billionth", "/Observation", () -> observation("1e-999999999"), 400),
                json("a NUL inside a name", "/Patient", () -> patient("\"Zh\\u0000ang\""), 400),
                json("a control character inside a name", "/Patient", () -> patient("\"Zh\\u001bang\""), 400),
                json("a lone surrogate inside a name", "/Patient", () -> patient("\"Zh\\ud800ang\""), 400),
                json("a reversed surrogate pair inside a name", "/Patient", () -> patient("\"Zh\\udc00\\ud800ang\""), 400),
                new Hostile("invalid UTF-8 bytes", "/Patient", JSON, null,
                        () -> withBytes(patient("\"Zh#\""), (byte) 0xC3, (byte) 0x28, (byte) 0xFF), List.of(400)),
                new Hostile("an overlong UTF-8 slash", "/Patient", JSON, null,
                        () -> withBytes(patient("\"Zh#\""), (byte) 0xC0, (byte) 0xAF), List.of(400)),
                new Hostile("a UTF-8 character cut off at the end", "/Patient", JSON, null,
                        () -> withBytes("{\"resourceType\":\"Patient\"}#", (byte) 0xE6, (byte) 0x9D), List.of(400)),
                json("11,001 entries in one transaction", "", () -> manyEntries(11_001, ""), 413),
                json("a 30 MB transaction of 40 entries", "", () -> manyEntries(40, "x".repeat(750_000)), 413),
                new Hostile("a gzip bomb (1 GB of spaces in 1 MB)", "", JSON, "gzip", HostileFhirInputTest::gzipBomb,
                        List.of(413)),
                new Hostile("gzip that is not gzip", "/Patient", JSON, "gzip",
                        () -> "{\"resourceType\":\"Patient\"}".getBytes(StandardCharsets.UTF_8), List.of(400)),
                new Hostile("an encoding nobody agreed on", "/Patient", JSON, "br",
                        () -> "{\"resourceType\":\"Patient\"}".getBytes(StandardCharsets.UTF_8), List.of(415)),
                xml("truncated XML", "", () -> "<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"transaction\"/><entry>", 400),
                xml("a billion laughs", "/Patient", () -> """
                        <?xml version="1.0"?>
                        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY l1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                        <!ENTITY l2 "&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;"><!ENTITY l3 "&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;">
                        <!ENTITY l4 "&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;"><!ENTITY l5 "&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;">
                        <!ENTITY l6 "&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;"><!ENTITY l7 "&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;">
                        <!ENTITY l8 "&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;"><!ENTITY l9 "&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;">]>
                        <Patient xmlns="http://hl7.org/fhir"><name><family value="&l9;"/></name></Patient>""", 400),
                xml("an external entity reading the server's files", "/Patient", () -> """
                        <?xml version="1.0"?>
                        <!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                        <Patient xmlns="http://hl7.org/fhir"><name><family value="&xxe;"/></name></Patient>""", 400),
                xml("elements nested 100,000 deep", "/Patient", () -> "<Patient xmlns=\"http://hl7.org/fhir\">"
                        + "<extension url=\"http://x.example/e\">".repeat(100_000) + "</extension>".repeat(100_000)
                        + "</Patient>", 400),
                xml("a 40 MB attribute", "/Patient", () -> xmlPatient("W".repeat(40 << 20)), 400, 422),
                xml("a value of 10 to the billionth in XML", "/Observation", () -> "<Observation xmlns=\"http://hl7.org/fhir\">"
                        + "<identifier><system value=\"https://fhir.onecity.example/sid/hospital/H001/lab-result\"/>"
                        + "<value value=\"HOSTILE-2\"/></identifier><status value=\"final\"/><code><coding>"
                        + "<system value=\"http://loinc.org\"/><code value=\"718-7\"/></coding></code><valueQuantity>"
                        + "<value value=\"1e999999999\"/><unit value=\"g/dL\"/><system value=\"http://unitsofmeasure.org\"/>"
                        + "<code value=\"g/dL\"/></valueQuantity></Observation>", 400, 422),
                new Hostile("invalid UTF-8 in XML", "/Patient", XML, null,
                        () -> withBytes(xmlPatient("Zh#"), (byte) 0xC3, (byte) 0x28, (byte) 0xFF), List.of(400)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void hostileInputIsRefusedWithAReasonAndStoresNothing(Hostile hostile) {
        long versionsBefore = versions();
        HttpRequest.Builder request = city.request(hostile.path(), CityTokens.hospital("H001"))
                .header("Content-Type", hostile.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(hostile.body().get()));
        if (hostile.encoding() != null) {
            request.header("Content-Encoding", hostile.encoding());
        }
        HttpResponse<String> response = city.send(request);

        assertThat(response.statusCode()).as(hostile.name() + ": " + abbreviated(response.body()))
                .isIn(hostile.statuses());
        assertThat(response.body()).contains("OperationOutcome").doesNotContain("at org.", "at ca.uhn", "root:x:0:0");
        assertThat(versions()).as("nothing stored").isEqualTo(versionsBefore);
    }

    /** After each hostile request, a hospital's ordinary push is served. */
    @AfterEach
    void theNextGoodRequestIsServed() {
        HttpResponse<String> response = city.send(city.request("/Patient", CityTokens.hospital("H001"))
                .header("Content-Type", JSON).POST(HttpRequest.BodyPublishers.ofString("""
                        {"resourceType":"Patient","identifier":[{"system":"https://fhir.onecity.example/sid/hospital/H001/mrn",
                         "value":"HOSTILE-%s"},{"system":"https://fhir.onecity.example/sid/insurance-card","value":"%s"}],
                         "name":[{"family":"Good","given":["Next"]}]}""".formatted(UUID.randomUUID(), card()))));
        assertThat(response.statusCode()).as(abbreviated(response.body())).isEqualTo(201);
    }

    private long versions() {
        return jdbc.queryForObject(SENT_VERSIONS, Long.class);
    }

    /** The body is made when the case runs, so that the corpus does not hold every large body at once. */
    private static Hostile json(String name, String path, Supplier<String> body, Integer... statuses) {
        return new Hostile(name, path, JSON, null, () -> body.get().getBytes(StandardCharsets.UTF_8),
                Arrays.asList(statuses));
    }

    private static Hostile xml(String name, String path, Supplier<String> body, Integer... statuses) {
        return new Hostile(name, path, XML, null, () -> body.get().getBytes(StandardCharsets.UTF_8),
                Arrays.asList(statuses));
    }

    /** A Patient the city record would take, but for its family name (given as JSON). */
    private static String patient(String family) {
        return """
                {"resourceType":"Patient","identifier":[{"system":"https://fhir.onecity.example/sid/hospital/H001/mrn",
                 "value":"HOSTILE-%s"},{"system":"https://fhir.onecity.example/sid/insurance-card","value":"%s"}],
                 "name":[{"given":["Hostile"],"family":%s}]}""".formatted(UUID.randomUUID(), card(), family);
    }

    private static String xmlPatient(String family) {
        return ("<Patient xmlns=\"http://hl7.org/fhir\"><identifier><system value=\"https://fhir.onecity.example/sid/"
                + "hospital/H001/mrn\"/><value value=\"HOSTILE-%s\"/></identifier><identifier><system value=\"https://"
                + "fhir.onecity.example/sid/insurance-card\"/><value value=\"%s\"/></identifier><name><family value=\"%s\"/>"
                + "<given value=\"Hostile\"/></name></Patient>").formatted(UUID.randomUUID(), card(), family);
    }

    private static String card() {
        return "SC" + String.format("%010d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 10_000_000_000L));
    }

    private static String observation(String value) {
        return """
                {"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"718-7"}]},
                 "identifier":[{"system":"https://fhir.onecity.example/sid/hospital/H001/lab-result","value":"HOSTILE-1"}],
                 "valueQuantity":{"value":%s,"unit":"g/dL","system":"http://unitsofmeasure.org","code":"g/dL"}}"""
                .formatted(value);
    }

    private static String manyEntries(int count, String text) {
        StringBuilder bundle = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[");
        for (int i = 0; i < count; i++) {
            bundle.append(i == 0 ? "" : ",").append("{\"resource\":{\"resourceType\":\"Basic\",\"text\":{\"status\":"
                    + "\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">" + text + "</div>\"}},"
                    + "\"request\":{\"method\":\"POST\",\"url\":\"Basic\"}}");
        }
        return bundle.append("]}").toString();
    }

    private static byte[] gzipBomb() {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(packed)) {
            gzip.write("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[]"
                    .getBytes(StandardCharsets.UTF_8));
            byte[] zeros = new byte[1 << 20];
            Arrays.fill(zeros, (byte) ' ');
            for (int i = 0; i < 1024; i++) {
                gzip.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return packed.toByteArray();
    }

    /** The text in UTF-8 with the raw bytes where its one '#' is. */
    private static byte[] withBytes(String text, byte... raw) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(text.substring(0, text.indexOf('#')).getBytes(StandardCharsets.UTF_8));
        all.writeBytes(raw);
        all.writeBytes(text.substring(text.indexOf('#') + 1).getBytes(StandardCharsets.UTF_8));
        return all.toByteArray();
    }

    private static String abbreviated(String body) {
        return body.length() > 400 ? body.substring(0, 400) + "..." : body;
    }
}
