package org.onecity.fhir.access;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentContextServices;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentService;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.fhir.ingest.SourceStamp;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every resource a request is about to return (reads, search results, includes, $everything, history,
 * later pages) against the gate's decision for the request. Where the gate decided the request needs no checks,
 * HAPI's consent interceptor stands aside; otherwise it blanks totals so that nothing leaks by count.
 */
public class CityConsentService implements IConsentService {

    /** History, and later pages, which may be pages of a history. */
    private static final Set<RestOperationTypeEnum> JUDGED_BEFORE_LOADING = EnumSet.of(
            RestOperationTypeEnum.HISTORY_INSTANCE, RestOperationTypeEnum.HISTORY_TYPE,
            RestOperationTypeEnum.HISTORY_SYSTEM, RestOperationTypeEnum.GET_PAGE);

    private final PersonFacts facts;

    public CityConsentService(PersonFacts facts) {
        this.facts = facts;
    }

    @Override
    public ConsentOutcome startOperation(RequestDetails request, IConsentContextServices context) {
        return RequestAccess.of(request).map(a -> a.filter() == null ? ConsentOutcome.AUTHORIZED : ConsentOutcome.PROCEED)
                .orElse(ConsentOutcome.PROCEED);
    }

    /**
     * Most requests are judged on the resources about to be shown ({@link CityConsentInterceptor}), which the server
     * loads anyway: judging before loading makes HAPI load and parse every candidate a second time, which cost a
     * doctor's $everything a third of its time. History (and any later page, which may be a page of a history) is
     * judged before loading, because HAPI's history bundles cannot take an entry withheld after loading.
     */
    @Override
    public boolean shouldProcessCanSeeResource(RequestDetails request, IConsentContextServices context) {
        return RequestAccess.of(request).map(a -> a.filter() != null).orElse(false) && judgedBeforeLoading(request);
    }

    static boolean judgedBeforeLoading(RequestDetails request) {
        return JUDGED_BEFORE_LOADING.contains(request.getRestOperationType());
    }

    @Override
    public ConsentOutcome canSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices context) {
        return RequestAccess.of(request).map(access -> mayBeShown(access, resource)).orElse(true)
                ? ConsentOutcome.PROCEED : ConsentOutcome.REJECT;
    }

    @Override
    public ConsentOutcome willSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices context) {
        return ConsentOutcome.PROCEED;
    }

    /** Whether a resource about to be shown may be shown under the request's decision; noted for the access log. */
    boolean mayBeShown(RequestAccess access, IBaseResource resource) {
        if (access.filter() == null || ResourceKinds.isOpenToAllSignedIn(resource.fhirType())) {
            return true;
        }
        // shown or refused, a look at someone's records belongs in that person's access log
        Optional<String> patientId = facts.patientIdOf(resource);
        Optional<PersonKey> person = resource instanceof Patient patient
                ? Optional.of(facts.personOf(patient))
                : patientId.flatMap(facts::personOfPatient);
        person.ifPresent(p -> access.touched(p, patientId.orElse(resource.getIdElement().getIdPart())));
        if (mayShow(access, (Resource) resource, person)) {
            return true;
        }
        access.withheldOne();
        return false;
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
