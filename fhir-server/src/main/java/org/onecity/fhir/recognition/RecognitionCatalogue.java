package org.onecity.fhir.recognition;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The city's catalogue of mutually recognised tests: data the health bureau maintains
 * ({@code recognised-tests.yaml}, or the file named by {@code ONECITY_RECOGNITION_CATALOGUE}), never code.
 *
 * @param zone the city's time zone, in which validity windows count whole days
 */
@ConfigurationProperties("onecity.recognition")
public record RecognitionCatalogue(List<RecognisedTest> tests, ZoneId zone) {

    public RecognitionCatalogue {
        tests = tests == null ? List.of() : List.copyOf(tests);
        zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
    }

    public Optional<RecognisedTest> forOrder(String system, String code) {
        return tests.stream().filter(t -> t.isCoded(system, code)).findFirst();
    }
}
