package org.onecity.fhir.quality;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.common.city.CityDirectory;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.city.Hospital;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules that depend on who sends the data, which a static profile cannot express:
 * a hospital identifies what it sends with identifiers of its own namespace (that is what makes a repeated
 * push idempotent), never with another hospital's, and speaks only for its own Organization.
 */
public final class SubmissionRules {

    private final CityDirectory city;

    public SubmissionRules(CityDirectory city) {
        this.city = city;
    }

    public List<Problem> check(Resource resource, Hospital sender, String path) {
        List<Problem> problems = new ArrayList<>();
        if (resource instanceof Organization organization && isHospitalOrganization(organization)) {
            checkHospitalOrganization(organization, sender, path, problems);
            return problems;
        }
        Optional<List<Identifiers.Located>> identifiers = Identifiers.of(resource);
        if (identifiers.isEmpty()) {
            return problems;
        }
        boolean ownIdentifier = false;
        for (Identifiers.Located located : identifiers.get()) {
            Identifier identifier = located.identifier();
            String where = path + located.path();
            if (sender.issues(identifier.getSystem())) {
                ownIdentifier |= identifier.hasValue();
                continue;
            }
            Optional<Hospital> other = city.issuerOf(identifier.getSystem());
            if (other.isPresent()) {
                problems.add(new Problem(where + ".system", "Identifier system " + identifier.getSystem()
                        + " belongs to hospital " + other.get().code() + "; " + sender.code()
                        + " may only issue identifiers under " + sender.identifierNamespaces()));
            }
            if (CityIdentifiers.CITIZEN_ID.equals(identifier.getSystem()) && identifier.hasValue()
                    && !CitizenId.isValid(identifier.getValue())) {
                problems.add(new Problem(where + ".value",
                        "Citizen ID " + identifier.getValue() + " fails its check character"));
            }
        }
        if (!ownIdentifier) {
            problems.add(new Problem(path + Identifiers.elementFor(resource), resource.fhirType()
                    + " has no identifier issued by " + sender.code() + " (a system under "
                    + sender.identifierNamespaces() + "); it is needed to recognise a repeated or amended push"));
        }
        return problems;
    }

    private void checkHospitalOrganization(Organization organization, Hospital sender, String path,
            List<Problem> problems) {
        for (int i = 0; i < organization.getIdentifier().size(); i++) {
            Identifier identifier = organization.getIdentifier().get(i);
            if (!CityIdentifiers.HOSPITAL_CODE.equals(identifier.getSystem())) {
                continue;
            }
            String where = path + ".identifier[" + i + "].value";
            if (city.hospital(identifier.getValue()).isEmpty()) {
                problems.add(new Problem(where, "Hospital code " + identifier.getValue()
                        + " is not registered with the city"));
            } else if (!sender.code().equals(identifier.getValue())) {
                problems.add(new Problem(where, sender.code() + " may not send the Organization of hospital "
                        + identifier.getValue()));
            }
        }
    }

    static boolean isHospitalOrganization(Organization organization) {
        return organization.getIdentifier().stream()
                .anyMatch(id -> CityIdentifiers.HOSPITAL_CODE.equals(id.getSystem()));
    }
}
