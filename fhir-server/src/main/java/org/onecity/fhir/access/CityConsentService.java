package org.onecity.fhir.access;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentContextServices;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentService;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.fhir.ingest.SourceStamp;

import java.util.Optional;

/**
 * Checks every resource a request is about to return (reads, search results, includes, $everything, history,
 * later pages) against the gate's decision for the request. HAPI's consent interceptor calls it before the
 * resources leave the database layer, and blanks totals so that nothing leaks by count.
 */
public class CityConsentService implements IConsentService {

    private final PersonFacts facts;

    public CityConsentService(PersonFacts facts) {
        this.facts = facts;
    }

    @Override
    public ConsentOutcome startOperation(RequestDetails request, IConsentContextServices context) {
        return RequestAccess.of(request).map(a -> a.filter() == null ? ConsentOutcome.AUTHORIZED : ConsentOutcome.PROCEED)
                .orElse(ConsentOutcome.PROCEED);
    }

    @Override
    public boolean shouldProcessCanSeeResource(RequestDetails request, IConsentContextServices context) {
        return RequestAccess.of(request).map(a -> a.filter() != null).orElse(false);
    }

    @Override
    public ConsentOutcome canSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices context) {
        Optional<RequestAccess> access = RequestAccess.of(request);
        if (access.isEmpty() || access.get().filter() == null
                || ResourceKinds.isOpenToAllSignedIn(resource.fhirType())) {
            return ConsentOutcome.PROCEED;
        }
        // shown or refused, a look at someone's records belongs in that person's access log
        Optional<String> patientId = facts.patientIdOf(resource);
        Optional<PersonKey> person = resource instanceof Patient patient
                ? Optional.of(PersonKey.of(patient))
                : patientId.flatMap(facts::personOfPatient);
        person.ifPresent(p -> access.get().touched(p, patientId.orElse(resource.getIdElement().getIdPart())));
        if (mayShow(access.get(), (Resource) resource, person)) {
            return ConsentOutcome.PROCEED;
        }
        access.get().withheldOne();
        return ConsentOutcome.REJECT;
    }

    @Override
    public ConsentOutcome willSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices context) {
        return ConsentOutcome.PROCEED;
    }

    boolean mayShow(RequestAccess access, Resource resource, Optional<PersonKey> person) {
        var who = access.principal();
        return switch (access.filter()) {
            case OWN_HOSPITAL_DATA -> SourceStamp.sourceHospital(resource).map(who.hospital()::equals).orElse(false);
            case OWN_RECORDS -> person.map(p -> p.equals(PersonKey.citizen(who.citizenId()))).orElse(false);
            case INSURER_MEMBERS -> person.map(p -> facts.covers(who.insurer(), p)).orElse(false);
            case CARE_RELATIONSHIP -> person.map(p -> doctorMaySee(access, p, resource)).orElse(false);
        };
    }

    private boolean doctorMaySee(RequestAccess access, PersonKey person, Resource resource) {
        if (access.brokeGlass()) {
            return true;
        }
        String hospital = access.principal().hospital();
        if (!facts.inCare(hospital, person)) {
            return false;
        }
        return !facts.optedOut(person) || SourceStamp.sourceHospital(resource).map(hospital::equals).orElse(false);
    }
}
