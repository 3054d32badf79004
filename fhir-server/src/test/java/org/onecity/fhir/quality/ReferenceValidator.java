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
import org.hl7.fhir.r4.model.StructureDefinition;

import java.util.List;

/**
 * HL7's own validator (org.hl7.fhir.validation, through HAPI's FhirInstanceValidator) with the R4 core definitions
 * and the OneCity profiles, each resource checked against its type's profile as the door checks it. Codes of
 * systems it cannot expand (LOINC, SNOMED) are warnings, as at the door, which has no terminology server.
 */
final class ReferenceValidator {

    private final List<StructureDefinition> profiles;
    private final FhirValidator validator;

    ReferenceValidator(FhirContext fhir, List<StructureDefinition> profiles) {
        this.profiles = profiles;
        PrePopulatedValidationSupport profileSupport = new PrePopulatedValidationSupport(fhir);
        profiles.forEach(profileSupport::addStructureDefinition);
        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhir), profileSupport, new CommonCodeSystemsTerminologyService(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir), new SnapshotGeneratingValidationSupport(fhir),
                new UnknownCodeSystemWarningValidationSupport(fhir)));
        this.validator = fhir.newValidator().registerValidatorModule(instanceValidator);
    }

    /** The errors HL7's validator finds in a resource sent as JSON. */
    List<String> errors(String type, String json) {
        ValidationOptions options = new ValidationOptions();
        profiles.stream().filter(p -> p.getType().equals(type)).forEach(p -> options.addProfile(p.getUrl()));
        return validator.validateWithResult(json, options).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + " " + m.getMessage()).toList();
    }
}
