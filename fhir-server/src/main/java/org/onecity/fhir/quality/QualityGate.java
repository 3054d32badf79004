package org.onecity.fhir.quality;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.common.city.CityDirectory;
import org.onecity.common.city.Hospital;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * Data quality at the door: everything a hospital sends is checked before anything is stored, and a
 * submission with any problem is refused whole, listing every problem with its location.
 */
public class QualityGate {

    private final FhirContext fhirContext;
    private final ConformanceChecker conformance;
    private final SubmissionRules rules;

    public QualityGate(FhirContext fhirContext, ConformanceChecker conformance, CityDirectory city) {
        this.fhirContext = fhirContext;
        this.conformance = conformance;
        this.rules = new SubmissionRules(city);
    }

    /**
     * The problems of a single resource or of every resource in a transaction or batch Bundle.
     *
     * @param parseProblems what the parser reported while reading the submission
     */
    public List<Problem> inspect(Resource submitted, Hospital sender, List<Problem> parseProblems) {
        List<Problem> problems = new ArrayList<>(parseProblems);
        if (submitted instanceof Bundle bundle && isWriteBundle(bundle)) {
            List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
            Map<String, Integer> firstEntryByIdentifier = new HashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                Resource resource = entries.get(i).getResource();
                if (resource != null) {
                    String path = "Bundle.entry[" + i + "].resource";
                    inspectOne(resource, sender, path, problems);
                    refuseRepeatedIdentity(resource, sender, i, path, firstEntryByIdentifier, problems);
                }
            }
        } else {
            inspectOne(submitted, sender, submitted.fhirType(), problems);
        }
        return problems;
    }

    /** Refuses the submission with 422 and an OperationOutcome when anything is wrong. */
    public void admit(Resource submitted, Hospital sender, List<Problem> parseProblems) {
        List<Problem> problems = inspect(submitted, sender, parseProblems);
        if (!problems.isEmpty()) {
            throw new UnprocessableEntityException(fhirContext, outcome(problems));
        }
    }

    static OperationOutcome outcome(List<Problem> problems) {
        OperationOutcome outcome = new OperationOutcome();
        for (Problem problem : problems) {
            outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.PROCESSING)
                    .setDiagnostics(problem.message())
                    .addExpression(problem.location())
                    .addLocation(problem.location());
        }
        return outcome;
    }

    static boolean isWriteBundle(Bundle bundle) {
        return bundle.getType() == Bundle.BundleType.TRANSACTION || bundle.getType() == Bundle.BundleType.BATCH;
    }

    /**
     * Two entries matched by the same identifier would be two versions of one record in one push. Only the identifier
     * a push is matched by counts: others may be shared by several records, as FHIR allows (an explanation of
     * benefit's claim group).
     */
    private static void refuseRepeatedIdentity(Resource resource, Hospital sender, int index, String path,
            Map<String, Integer> firstEntryByIdentifier, List<Problem> problems) {
        Identifiers.matchKey(resource, sender).ifPresent(id -> {
            String identity = resource.fhirType() + " " + id.getSystem() + "|" + id.getValue();
            Integer first = firstEntryByIdentifier.putIfAbsent(identity, index);
            if (first != null) {
                problems.add(new Problem(path, "Bundle.entry[" + first + "] already carries " + identity
                        + ", the identifier this record is matched by; one push holds one version of each record"));
            }
        });
    }

    private void inspectOne(Resource resource, Hospital sender, String path, List<Problem> problems) {
        problems.addAll(conformance.check(resource, path));
        problems.addAll(rules.check(resource, sender, path));
    }
}
