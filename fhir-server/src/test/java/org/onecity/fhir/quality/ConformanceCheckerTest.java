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
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.fhir.support.HospitalFeed;

import java.util.Date;
import java.util.List;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quality gate's conformance checker finds what HAPI's reference validator finds, for the defects hospitals
 * actually send, and accepts what it accepts; each case is checked against both.
 */
class ConformanceCheckerTest {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static ConformanceChecker checker;
    static FhirValidator reference;
    static List<StructureDefinition> profiles;

    @BeforeAll
    static void compile() {
        profiles = OneCityProfiles.load(FHIR);
        checker = new ConformanceChecker(FHIR, profiles);
        PrePopulatedValidationSupport profileSupport = new PrePopulatedValidationSupport(FHIR);
        profiles.forEach(profileSupport::addStructureDefinition);
        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(new ValidationSupportChain(
                new DefaultProfileValidationSupport(FHIR), profileSupport, new CommonCodeSystemsTerminologyService(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR), new SnapshotGeneratingValidationSupport(FHIR),
                new UnknownCodeSystemWarningValidationSupport(FHIR)));
        reference = FHIR.newValidator().registerValidatorModule(instanceValidator);
    }

    static Stream<Arguments> defects() {
        return Stream.of(
                defect("an Observation without status", Observation.class, o -> o.setStatus(null)),
                defect("an Observation coded only locally", Observation.class,
                        o -> o.getCode().getCodingFirstRep().setSystem("http://local.lab/codes")),
                defect("an Observation with neither value nor absent reason", Observation.class, o -> o.setValue(null)),
                defect("an Observation with both value and absent reason (obs-6)", Observation.class,
                        o -> o.setDataAbsentReason(new CodeableConcept(new Coding(
                                "http://terminology.hl7.org/CodeSystem/data-absent-reason", "error", null)))),
                defect("a Quantity with a unit code but no system (qty-3)", Observation.class,
                        o -> ((Quantity) o.getValue()).setSystem(null)),
                defect("an Observation without effective time", Observation.class, o -> o.setEffective(null)),
                defect("a Patient without citizen ID or insurance card", Patient.class,
                        p -> p.getIdentifier().removeIf(i -> !i.getSystem().startsWith(CityIdentifiers.hospitalNamespace("H001")))),
                defect("a Patient with a malformed citizen ID", Patient.class,
                        p -> p.getIdentifier().stream().filter(i -> CityIdentifiers.CITIZEN_ID.equals(i.getSystem()))
                                .forEach(i -> i.setValue("12345"))),
                defect("a report without issued time", DiagnosticReport.class, r -> r.setIssued(null)),
                defect("a report without status", DiagnosticReport.class, r -> r.setStatus(null)),
                defect("an encounter that ends before it starts (per-1)", Encounter.class,
                        e -> e.getPeriod().setEnd(new Date(e.getPeriod().getStart().getTime() - 86_400_000L))),
                defect("an order without subject", ServiceRequest.class, s -> s.setSubject(null)),
                defect("a charge without code", ChargeItem.class, c -> c.setCode(null)));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("defects")
    void findsWhatTheReferenceValidatorFinds(String defect, Resource resource) {
        assertThat(referenceErrors(resource)).as("HAPI's validator refuses " + defect).isNotEmpty();
        assertThat(checker.check(resource, resource.fhirType())).as("the gate refuses " + defect).isNotEmpty();
    }

    @Test
    void acceptsAWholeHospitalHistoryAsTheReferenceValidatorDoes() {
        Bundle history = new HospitalFeed("H001").history(7, HospitalFeed.Shape.BENCHMARK);
        for (Bundle.BundleEntryComponent entry : history.getEntry()) {
            assertThat(referenceErrors(entry.getResource())).isEmpty();
            assertThat(checker.check(entry.getResource(), "x")).isEmpty();
        }
    }

    @Test
    void aValueThatIsNotOfItsTypeIsFoundWhereItIs() {
        Observation observation = FHIR.newJsonParser()
                .setParserErrorHandler(new ca.uhn.fhir.parser.LenientErrorHandler().setErrorOnInvalidValue(false))
                .parseResource(Observation.class, """
                {"resourceType":"Observation","status":"bogus","code":{"coding":[{"system":"http://loinc.org","code":"718-7"}]},
                 "identifier":[{"system":"https://fhir.onecity.example/sid/hospital/H001/lab","value":"1"}],
                 "subject":{"reference":"Patient/1"},"effectiveDateTime":"1999-13-45","valueString":"12"}""");
        assertThat(checker.check(observation, "Observation")).extracting(Problem::location)
                .contains("Observation.status", "Observation.effectiveDateTime");
    }

    private static List<String> referenceErrors(Resource resource) {
        ValidationOptions options = new ValidationOptions();
        profiles.stream().filter(p -> p.getType().equals(resource.fhirType())).forEach(p -> options.addProfile(p.getUrl()));
        return reference.validateWithResult(resource, options).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + " " + m.getMessage()).toList();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Resource> Arguments defect(String name, Class<T> type, java.util.function.Consumer<T> spoil) {
        Bundle history = new HospitalFeed("H001").history(3, HospitalFeed.Shape.SMALL);
        T resource = history.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance).map(r -> (T) r).findFirst().orElseThrow();
        spoil.accept(resource);
        return Arguments.of(name, resource);
    }

}
