package org.onecity.fhir.access;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.jpa.util.ResourceCompartmentUtil;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;

import java.util.Map;
import java.util.Set;

/**
 * What a search may ask, beyond which records it returns. Every returned record is judged on its own, but some
 * criteria test records the caller never gets to see: {@code Patient?_has:Observation:subject:code=X} answers which
 * patients have a result with code X at any hospital. So, for everyone but the bureau, a search may not reach into
 * other records by {@code _has} or {@code _list}, and may chain only to an identifier
 * ({@code subject:Patient.identifier=...}), which names the record rather than testing it. A doctor's search names
 * the patient, so that a doctor looks at one person's records at a time and never scans the city.
 */
public class SearchCriteria {

    private static final Set<String> NAMES_THE_PATIENT = Set.of("_id", "identifier");

    private final FhirContext fhirContext;

    public SearchCriteria(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** Refuses (403) a search of {@code type} (null for the whole server) the caller may not ask. */
    public void check(CityPrincipal who, String type, Map<String, String[]> parameters) {
        if (who.is(Role.ADMIN)) {
            return;
        }
        for (String name : parameters.keySet()) {
            String base = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
            if (base.startsWith("_has")) {
                throw new ForbiddenOperationException("_has tests records the caller may not see: search those records "
                        + "directly instead (" + name + ")");
            }
            if (base.equals("_list") || base.equals("_filter") || base.equals("_query")) {
                throw new ForbiddenOperationException(name + " is reserved to the bureau's operators");
            }
            int dot = name.indexOf('.');
            if (dot >= 0 && !"identifier".equals(name.substring(dot + 1))) {
                throw new ForbiddenOperationException("A chained search tests records the caller may not see; chain only "
                        + "to an identifier (for example subject:Patient.identifier), not " + name);
            }
        }
        if (who.is(Role.DOCTOR) && type != null && !namesAPatient(type, parameters)) {
            throw new ForbiddenOperationException("Name the patient (patient, subject or _id) to search " + type
                    + ": doctors search one person's records at a time");
        }
    }

    private boolean namesAPatient(String type, Map<String, String[]> parameters) {
        if ("Patient".equals(type) || ResourceKinds.isOpenToAllSignedIn(type)) {
            return true;
        }
        RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(type);
        var compartmentParams = ResourceCompartmentUtil.getPatientCompartmentSearchParams(definition, true);
        if (compartmentParams.isEmpty()) {
            return true;
        }
        return parameters.keySet().stream()
                .map(name -> name.contains(":") ? name.substring(0, name.indexOf(':')) : name)
                .map(name -> name.contains(".") ? name.substring(0, name.indexOf('.')) : name)
                .anyMatch(name -> NAMES_THE_PATIENT.contains(name)
                        || compartmentParams.stream().anyMatch(p -> p.getName().equals(name)));
    }
}
