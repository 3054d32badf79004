package org.onecity.fhir.quality;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.StructureDefinition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The city's data-quality rules as FHIR StructureDefinitions (differentials on R4 core), kept under
 * {@code classpath:profiles/}: data that hospitals can read, not code.
 */
public final class OneCityProfiles {

    static final List<String> FILES = List.of("onecity-patient", "onecity-observation", "onecity-diagnosticreport",
            "onecity-encounter", "onecity-documentreference", "onecity-servicerequest", "onecity-chargeitem");

    private OneCityProfiles() {
    }

    public static List<StructureDefinition> load(FhirContext fhirContext) {
        List<StructureDefinition> profiles = new ArrayList<>();
        for (String file : FILES) {
            try (InputStream in = OneCityProfiles.class.getResourceAsStream("/profiles/" + file + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("Missing profile " + file);
                }
                profiles.add(fhirContext.newJsonParser().parseResource(StructureDefinition.class, in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return profiles;
    }
}
