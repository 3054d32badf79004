package org.onecity.fhir.access;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizedList;
import ca.uhn.fhir.rest.server.interceptor.auth.SearchNarrowingInterceptor;
import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;
import org.onecity.fhir.server.RestInterceptor;

import java.util.List;

/**
 * A patient's searches are narrowed, in the database query, to the Patient records of their own person at every
 * hospital (HAPI's search narrowing by compartment), so a patient's search never reaches anyone else's records.
 */
public class OwnRecordsNarrowing extends SearchNarrowingInterceptor implements RestInterceptor {

    private final Persons persons;

    public OwnRecordsNarrowing(Persons persons) {
        this.persons = persons;
    }

    @Override
    protected AuthorizedList buildAuthorizedList(RequestDetails request) {
        CityPrincipal who = CityPrincipal.current().orElse(null);
        if (who == null || !who.is(Role.PATIENT) || who.citizenId() == null
                || ResourceKinds.AUDIT.equals(request.getResourceName())) {
            return null; // the access log keeps a patient to their own entries itself
        }
        List<String> patientIds = persons.patientIdsOf(PersonKey.citizen(who.citizenId()));
        // a person with no record yet still gets a narrowing that matches nothing
        List<String> compartments = patientIds.isEmpty() ? List.of("Patient/none") : patientIds.stream()
                .map(id -> "Patient/" + id).toList();
        return new AuthorizedList().addCompartments(compartments.toArray(String[]::new));
    }
}
