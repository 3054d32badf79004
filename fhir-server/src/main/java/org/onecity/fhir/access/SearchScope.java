package org.onecity.fhir.access;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.jpa.util.ResourceCompartmentUtil;
import ca.uhn.fhir.rest.param.TokenParam;
import org.hl7.fhir.r4.model.IdType;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a doctor's or an insurer's search may reach, decided before it runs. Each returned record is judged on its
 * own anyway; but a search whose hidden matches stay in the database query would still count them, and its pages
 * (the next link of a one-result page) would tell that they exist. So a search that names one person gets the
 * caller's reach for that person as part of its query: all their records, only the doctor's own hospital's (the
 * person opted out of sharing), or none. A search that names no single person is judged record by record as the
 * records are loaded, so that HAPI counts only what may be shown.
 */
class SearchScope {

    /** How much of one person's records the caller reaches. */
    enum Reach { ALL, OWN_HOSPITAL, NONE }

    private static final String NOTHING = CityIdentifiers.SOURCE_HOSPITAL_TAG + "|-";

    private final FhirContext fhirContext;
    private final PersonFacts facts;
    private final Persons persons;

    SearchScope(FhirContext fhirContext, PersonFacts facts, Persons persons) {
        this.fhirContext = fhirContext;
        this.facts = facts;
        this.persons = persons;
    }

    /**
     * The tag the search must also match, when the caller reaches only part of the one person it names (their
     * hospital's records, or nothing); when it names no single person, the request is marked to be judged as its
     * records are loaded.
     */
    Optional<String> requiredTag(RequestAccess access, String type, Map<String, String[]> parameters) {
        CityPrincipal who = access.principal();
        if (!who.is(Role.DOCTOR) && !who.is(Role.INSURER) || type == null || ResourceKinds.isOpenToAllSignedIn(type)) {
            return Optional.empty();
        }
        Optional<PersonKey> person = namedPerson(type, parameters);
        if (person.isEmpty()) {
            access.judgeWhenLoaded();
            return Optional.empty();
        }
        return switch (reach(access, person.get())) {
            case ALL -> Optional.empty();
            case OWN_HOSPITAL -> Optional.of(AccessGate.hospitalTag(who.hospital()));
            case NONE -> {
                access.refusedLookAt(person.get());
                yield Optional.of(NOTHING);
            }
        };
    }

    Reach reach(RequestAccess access, PersonKey person) {
        CityPrincipal who = access.principal();
        if (who.is(Role.INSURER)) {
            return facts.covers(who.insurer(), person) ? Reach.ALL : Reach.NONE;
        }
        if (access.brokeGlass()) {
            return Reach.ALL;
        }
        if (!facts.inCare(who.hospital(), person)) {
            return Reach.NONE;
        }
        return facts.optedOut(person) ? Reach.OWN_HOSPITAL : Reach.ALL;
    }

    /** The one person every patient the search names belongs to, if it names patients of one person only. */
    Optional<PersonKey> namedPerson(String type, Map<String, String[]> parameters) {
        Set<String> compartment = compartmentParameters(type);
        Set<PersonKey> named = new HashSet<>();
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            String base = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
            base = base.contains(".") ? base.substring(0, base.indexOf('.')) : base;
            boolean byPatient = compartment.contains(base) || "Patient".equals(type) && ("_id".equals(base) || "identifier".equals(base));
            if (!byPatient) {
                continue;
            }
            String modifier = name.length() > base.length() ? name.substring(base.length()) : "";
            for (String values : parameter.getValue()) {
                for (String value : values.split(",")) {
                    Optional<PersonKey> person = personOf(type, base, modifier, value);
                    if (person.isEmpty()) {
                        return Optional.empty();
                    }
                    named.add(person.get());
                }
            }
        }
        return named.size() == 1 ? Optional.of(named.iterator().next()) : Optional.empty();
    }

    private Optional<PersonKey> personOf(String type, String base, String modifier, String value) {
        if (modifier.endsWith(".identifier") || "Patient".equals(type) && "identifier".equals(base) && modifier.isEmpty()) {
            TokenParam token = new TokenParam();
            token.setValueAsQueryToken(fhirContext, null, null, value);
            return token.getSystem() == null || token.getValue() == null ? Optional.empty()
                    : persons.personByIdentifier(token.getSystem(), token.getValue());
        }
        if (!modifier.isEmpty() && !modifier.equals(":Patient")) {
            return Optional.empty(); // :missing, :not, chains to anything but an identifier name no person
        }
        IdType id = new IdType(value);
        if (id.hasResourceType() && !"Patient".equals(id.getResourceType()) || !id.hasIdPart()) {
            return Optional.empty();
        }
        return facts.personOfPatient(id.getIdPart());
    }

    private Set<String> compartmentParameters(String type) {
        try {
            RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(type);
            List<RuntimeSearchParam> params = ResourceCompartmentUtil.getPatientCompartmentSearchParams(definition, true);
            Set<String> names = new HashSet<>();
            params.forEach(p -> names.add(p.getName()));
            return names;
        } catch (RuntimeException unknownType) {
            return Set.of();
        }
    }
}
