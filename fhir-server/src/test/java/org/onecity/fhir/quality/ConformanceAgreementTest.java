package org.onecity.fhir.quality;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The door judges FHIR as HL7's own validator does: over a corpus of valid and invalid resources of every type a
 * hospital pushes, the door's verdict (what the parser reports, then the compiled checker) and the verdict of HL7's
 * validator with the same profiles are the same for every resource, except the intended differences listed here,
 * each with its reason (and each still a difference, so that the list stays true).
 */
class ConformanceAgreementTest {

    static final FhirContext FHIR = FhirContext.forR4Cached();

    /** Where the door and HL7's validator are meant to differ, by the end of the case's name, and why. */
    static final Map<String, String> INTENDED_DIFFERENCES = Map.of(
            ConformanceCorpus.NO_NAMESPACE, "HAPI's parser reads a div that declares no namespace as XHTML and stores it "
                    + "with the XHTML namespace declared, so what the city stores is valid; HL7's validator, reading the "
                    + "text as sent, refuses it. A div in another namespace is refused by both.",
            ConformanceCorpus.NEWER_TERMINOLOGY, "The door has no terminology server: it checks codes only where R4 binds "
                    + "them as required (status and the like). HL7's validator also refuses a code that a complete R4 code "
                    + "system does not define under a weaker binding; exporters send such codes from newer terminology "
                    + "releases (Synthea's 'transmitter' agent), and refusing them would refuse real records for a "
                    + "terminology version, not for a fault.");

    static ConformanceChecker checker;
    static ReferenceValidator reference;
    static List<ConformanceCorpus.Case> corpus;

    @BeforeAll
    static void compile() {
        var profiles = OneCityProfiles.load(FHIR);
        checker = new ConformanceChecker(FHIR, profiles);
        reference = new ReferenceValidator(FHIR, profiles);
        corpus = ConformanceCorpus.build(FHIR);
    }

    @Test
    void theDoorAndHl7sValidatorAgreeOnEveryResourceOfTheCorpus() {
        List<String> disagreements = new ArrayList<>();
        Map<String, Boolean> differencesSeen = new LinkedHashMap<>();
        for (ConformanceCorpus.Case c : corpus) {
            List<String> hl7 = reference.errors(c.type(), c.json());
            List<Problem> door = door(c.json());
            boolean agree = hl7.isEmpty() == door.isEmpty();
            if (intendedDifference(c)) {
                differencesSeen.put(c.name(), !agree);
                continue;
            }
            if (!agree) {
                disagreements.add(c.name() + "\n    HL7: " + hl7 + "\n    door: " + door);
            }
        }
        assertThat(disagreements).as("cases judged differently").isEmpty();
        assertThat(differencesSeen).as("every intended difference is still one").isNotEmpty().allSatisfy((name, differs) ->
                assertThat(differs).as(name).isTrue());
    }

    @Test
    void theCorpusMeansWhatItSaysValidCasesAreValidAndInvalidOnesInvalidForHl7() {
        List<String> mislabelled = corpus.stream()
                .filter(c -> reference.errors(c.type(), c.json()).isEmpty() != c.valid())
                .map(c -> c.name() + " " + reference.errors(c.type(), c.json())).toList();
        assertThat(mislabelled).isEmpty();
    }

    @Test
    void theCorpusCoversEveryTypeAHospitalPushesWithValidAndInvalidCases() {
        Set<String> types = corpus.stream().map(ConformanceCorpus.Case::type).collect(Collectors.toCollection(TreeSet::new));
        assertThat(types).contains("Patient", "Encounter", "Observation", "DiagnosticReport", "DocumentReference",
                "Condition", "Procedure", "MedicationRequest", "Immunization", "CarePlan", "CareTeam", "Claim",
                "ExplanationOfBenefit", "Provenance", "ImagingStudy", "Device", "AllergyIntolerance", "Practitioner",
                "Location", "Organization", "ServiceRequest", "ChargeItem", "Consent", "Coverage");
        Map<Boolean, Long> byVerdict = corpus.stream().collect(Collectors.partitioningBy(ConformanceCorpus.Case::valid, Collectors.counting()));
        System.out.printf("Conformance corpus: %d resources of %d types, %d valid and %d invalid, %d intended differences%n",
                corpus.size(), types.size(), byVerdict.get(true), byVerdict.get(false),
                corpus.stream().filter(ConformanceAgreementTest::intendedDifference).count());
        assertThat(byVerdict.get(true)).isGreaterThan(100);
        assertThat(byVerdict.get(false)).isGreaterThan(300);
    }

    static boolean intendedDifference(ConformanceCorpus.Case c) {
        return INTENDED_DIFFERENCES.keySet().stream().anyMatch(c.name()::endsWith);
    }

    /** What the door finds: what the parser reports while reading, then the compiled checker. */
    static List<Problem> door(String json) {
        IParser parser = FHIR.newJsonParser().setParserErrorHandler(new ParseProblems());
        ParseProblems.collect();
        Resource resource;
        try {
            resource = (Resource) parser.parseResource(json);
        } catch (RuntimeException e) {
            ParseProblems.take();
            return List.of(new Problem("", e.getMessage()));
        }
        List<Problem> problems = new ArrayList<>(ParseProblems.take());
        problems.addAll(checker.check(resource, resource.fhirType()));
        return problems;
    }
}
