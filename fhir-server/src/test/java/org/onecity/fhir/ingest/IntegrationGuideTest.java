package org.onecity.fhir.ingest;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.onecity.common.test.CityTokens;
import org.onecity.fhir.support.CityFixture;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/city-record.md's hospital integration guide says what it does: every fenced example under an
 * {@code <!-- example: ... -->} line is sent to the city record as the line says (method, path, who, header), and
 * answers the status and OperationOutcome code the line promises; the example transaction, sent again, creates
 * nothing.
 */
@CityRecordTest
class IntegrationGuideTest {

    static final Path GUIDE = Path.of("..", "docs", "city-record.md");
    private static final Pattern EXAMPLE = Pattern.compile("<!-- example: (\\S+) (\\S+) as (\\S+)(?: with (\\S+) (\\S+))?;"
            + " expect (\\d{3})(?: ([a-z-]+))?(; again creates nothing)? -->\\n```json\\n(.*?)\\n```", Pattern.DOTALL);

    record Example(String method, String path, String who, String header, String headerValue, int status, String code,
                   boolean replayed, String body) {
    }

    @Autowired
    CityRecordClient city;

    @Test
    void everyExampleOfTheGuideAnswersWhatTheGuideSays() {
        List<Example> examples = examples();
        assertThat(examples).as("the guide's examples").hasSizeGreaterThanOrEqualTo(7);
        String person = CityFixture.of(city).liNa.h001Patient();
        for (Example example : examples) {
            String body = example.body().replace("{li.na}", person);
            HttpResponse<String> answer = send(example, body);
            assertThat(answer.statusCode()).as(example.method() + " " + example.path() + " as " + example.who() + ": "
                    + answer.body()).isEqualTo(example.status());
            if (example.code() != null) {
                OperationOutcome outcome = (OperationOutcome) CityRecordClient.fhir().newJsonParser().parseResource(answer.body());
                assertThat(outcome.getIssue()).extracting(i -> i.getCode().toCode()).contains(example.code());
            }
            if (example.replayed()) {
                HttpResponse<String> again = send(example, body);
                assertThat(again.statusCode()).isEqualTo(example.status());
                assertThat(entries(again)).as("sent again, the same records at the same versions")
                        .containsExactlyElementsOf(entries(answer));
                assertThat(statuses(again)).allSatisfy(s -> assertThat(s).startsWith("200"));
            }
        }
    }

    @Test
    void theGuideNamesTheNamespacesTheDoorUses() throws IOException {
        String guide = Files.readString(GUIDE);
        assertThat(guide).contains("https://fhir.onecity.example/sid/hospital/H001/mrn",
                "https://fhir.onecity.example/CodeSystem/consent-kind", "no-cross-hospital-sharing",
                "https://fhir.onecity.example/StructureDefinition/intake-key")
                .doesNotContain("/hospital/H001/sid/");
    }

    private HttpResponse<String> send(Example example, String body) {
        HttpRequest.Builder request = "nobody".equals(example.who()) ? city.request(example.path().substring("/fhir".length()))
                : city.request(example.path().substring("/fhir".length()), token(example.who()));
        String contentType = "application/fhir+json";
        if ("Content-Type".equalsIgnoreCase(example.header())) {
            contentType = example.headerValue();
        } else if (example.header() != null) {
            request.header(example.header(), example.headerValue());
        }
        return city.send(request.header("Content-Type", contentType)
                .method(example.method(), HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String token(String who) {
        return who.startsWith("hospital-") || who.startsWith("bureau-") ? CityTokens.system(who) : CityTokens.patient(who);
    }

    private static List<String> entries(HttpResponse<String> answer) {
        Bundle bundle = (Bundle) CityRecordClient.fhir().newJsonParser().parseResource(answer.body());
        return bundle.getEntry().stream().map(e -> e.getResponse().getLocation()).toList();
    }

    private static List<String> statuses(HttpResponse<String> answer) {
        Bundle bundle = (Bundle) CityRecordClient.fhir().newJsonParser().parseResource(answer.body());
        return bundle.getEntry().stream().map(e -> e.getResponse().getStatus()).toList();
    }

    static List<Example> examples() {
        try {
            Matcher matcher = EXAMPLE.matcher(Files.readString(GUIDE));
            List<Example> examples = new ArrayList<>();
            while (matcher.find()) {
                examples.add(new Example(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4),
                        matcher.group(5), Integer.parseInt(matcher.group(6)), matcher.group(7), matcher.group(8) != null,
                        matcher.group(9)));
            }
            return examples;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + GUIDE.toAbsolutePath(), e);
        }
    }
}
