package org.onecity.fhir.quality;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationOptions;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a resource against FHIR R4 and, where OneCity has one, the OneCity profile for its type.
 * The profiles are StructureDefinitions under {@code classpath:profiles/}: the city's data-quality rules are
 * data, read by HAPI's standard validator, not code.
 */
public class ProfileValidator {

    private final FhirValidator validator;
    private final Map<String, String> profileByType = new HashMap<>();

    public ProfileValidator(FhirContext fhirContext) {
        PrePopulatedValidationSupport profiles = new PrePopulatedValidationSupport(fhirContext);
        for (StructureDefinition profile : loadProfiles(fhirContext)) {
            profiles.addStructureDefinition(profile);
            profileByType.put(profile.getType(), profile.getUrl());
        }
        UnknownCodeSystemWarningValidationSupport unknownCodeSystems =
                new UnknownCodeSystemWarningValidationSupport(fhirContext);
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhirContext),
                profiles,
                new CommonCodeSystemsTerminologyService(fhirContext),
                new InMemoryTerminologyServerValidationSupport(fhirContext),
                new SnapshotGeneratingValidationSupport(fhirContext),
                unknownCodeSystems);
        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
        instanceValidator.setBestPracticeWarningLevel(BestPracticeWarningLevel.Ignore);
        instanceValidator.setAnyExtensionsAllowed(true);
        instanceValidator.setNoExtensibleWarnings(true);
        validator = fhirContext.newValidator().registerValidatorModule(instanceValidator);
    }

    /** @param path where the resource sits in what was sent, e.g. {@code Bundle.entry[3].resource} */
    public List<Problem> validate(Resource resource, String path) {
        ValidationOptions options = new ValidationOptions();
        String profile = profileByType.get(resource.fhirType());
        if (profile != null) {
            options.addProfile(profile);
        }
        return validator.validateWithResult(resource, options).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> new Problem(relocate(m.getLocationString(), resource.fhirType(), path), m.getMessage()))
                .toList();
    }

    /** "Observation.code.coding[0]" becomes "Bundle.entry[2].resource.code.coding[0]" */
    static String relocate(String location, String type, String path) {
        if (location == null || location.isBlank()) {
            return path;
        }
        String withoutType = location.startsWith(type) ? location.substring(type.length()) : "." + location;
        return path + withoutType;
    }

    public Map<String, String> profiles() {
        return Map.copyOf(profileByType);
    }

    private static List<StructureDefinition> loadProfiles(FhirContext fhirContext) {
        try {
            var resources = new PathMatchingResourcePatternResolver().getResources("classpath:profiles/*.json");
            var parser = fhirContext.newJsonParser();
            return java.util.Arrays.stream(resources).map(r -> {
                try (InputStream in = r.getInputStream()) {
                    return parser.parseResource(StructureDefinition.class, in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OneCity profiles", e);
        }
    }
}
