package org.onecity.fhir.quality;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.common.city.CityDirectory;
import org.onecity.common.city.Hospital;

import java.util.ArrayList;
import java.util.List;

/**
 * Data quality at the door: everything a hospital sends is checked before anything is stored, and a
 * submission with any problem is refused whole, listing every problem with its location.
 */
public class QualityGate {

    private final FhirContext fhirContext;
    private final ProfileValidator profiles;
    private final SubmissionRules rules;

    public QualityGate(FhirContext fhirContext, ProfileValidator profiles, CityDirectory city) {
        this.fhirContext = fhirContext;
        this.profiles = profiles;
        this.rules = new SubmissionRules(city);
    }

    /** The problems of a single resource or of every resource in a transaction or batch Bundle. */
    public List<Problem> inspect(Resource submitted, Hospital sender) {
        List<Problem> problems = new ArrayList<>();
        if (submitted instanceof Bundle bundle && isWriteBundle(bundle)) {
            List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
            for (int i = 0; i < entries.size(); i++) {
                Resource resource = entries.get(i).getResource();
                if (resource != null) {
                    inspectOne(resource, sender, "Bundle.entry[" + i + "].resource", problems);
                }
            }
        } else {
            inspectOne(submitted, sender, submitted.fhirType(), problems);
        }
        return problems;
    }

    /** Refuses the submission with 422 and an OperationOutcome when anything is wrong. */
    public void admit(Resource submitted, Hospital sender) {
        List<Problem> problems = inspect(submitted, sender);
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

    private void inspectOne(Resource resource, Hospital sender, String path, List<Problem> problems) {
        problems.addAll(profiles.validate(resource, path));
        problems.addAll(rules.check(resource, sender, path));
    }
}
