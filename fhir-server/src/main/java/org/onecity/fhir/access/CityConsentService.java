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
 * Decides, for each record a request is about to return, whether the caller may see it: reads, searches, includes,
 * $everything, history, every page of a search (whoever follows its link), transaction GET entries and the records
 * behind a Binary or attachment read all pass here. The decision is the rules' answer for the record's own type
 * ({@link AccessRules}) and then, where that answer depends on the record, its hospital, its person, the person's
 * care relationships and sharing consent. Only the bureau's requests skip it; where it applies, HAPI's consent
 * interceptor blanks totals, so that nothing leaks by count.
 */
public class CityConsentService implements IConsentService {

    /**
     * Judged as they are loaded: single records (so that a refused one is "not known", as if it did not exist) and
     * history, whose bundles cannot take an entry withheld after loading. Searches are judged on the records about to
     * be shown ({@link CityConsentInterceptor}): judging them before loading makes HAPI load and parse every
     * candidate a second time, which cost a doctor's $everything a third of its time.
     */
    private static final Set<RestOperationTypeEnum> JUDGED_WHEN_LOADED = EnumSet.of(RestOperationTypeEnum.READ,
            RestOperationTypeEnum.VREAD, RestOperationTypeEnum.HISTORY_INSTANCE, RestOperationTypeEnum.HISTORY_TYPE,
            RestOperationTypeEnum.HISTORY_SYSTEM);

    private static final Set<RestOperationTypeEnum> WRITES = EnumSet.of(RestOperationTypeEnum.CREATE,
            RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.PATCH, RestOperationTypeEnum.TRANSACTION);

    private final PersonFacts facts;

    public CityConsentService(PersonFacts facts) {
        this.facts = facts;
    }

    @Override
    public ConsentOutcome startOperation(RequestDetails request, IConsentContextServices context) {
        return RequestAccess.of(request).map(a -> a.unrestricted() ? ConsentOutcome.AUTHORIZED : ConsentOutcome.PROCEED)
                .orElse(ConsentOutcome.PROCEED);
    }

    /** A later page is judged both ways: a page of a history as it is loaded, a page of a search as it is shown. */
    @Override
    public boolean shouldProcessCanSeeResource(RequestDetails request, IConsentContextServices context) {
        return judgedWhenLoaded(request) || request.getRestOperationType() == RestOperationTypeEnum.GET_PAGE;
    }

    /** Operations on one record (its binary content, its meta) load it as a read does; $everything is a search. */
    static boolean judgedWhenLoaded(RequestDetails request) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        return JUDGED_WHEN_LOADED.contains(operation)
                || RequestAccess.of(request).map(RequestAccess::judgedWhenLoaded).orElse(false)
                || operation == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE && !"$everything".equals(request.getOperation());
    }

    @Override
    public ConsentOutcome canSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices context) {
        return mayBeShown(request, resource) ? ConsentOutcome.PROCEED : ConsentOutcome.REJECT;
    }

    @Override
    public ConsentOutcome willSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices context) {
        return ConsentOutcome.PROCEED;
    }

    /** A request the gate has not admitted (there is none, but a route added tomorrow might be one) sees nothing. */
    boolean mayBeShown(RequestDetails request, IBaseResource resource) {
        boolean answersAWrite = WRITES.contains(request.getRestOperationType());
        return RequestAccess.of(request).map(access -> mayBeShown(access, resource, answersAWrite)).orElse(false);
    }

    /**
     * Whether a resource about to be shown may be shown to the request's caller; noted for the access log. What a
     * hospital's write answers with is judged by its tag alone: the write's access-log entry already names the
     * persons it reached.
     */
    boolean mayBeShown(RequestAccess access, IBaseResource resource, boolean answersAWrite) {
        if (access.unrestricted()) {
            return true;
        }
        Verdict verdict = access.readVerdict(resource.fhirType());
        if (verdict instanceof Verdict.Granted) {
            return true;
        }
        if (answersAWrite && verdict instanceof Verdict.Filtered f && f.filter() == Verdict.Filter.OWN_HOSPITAL_DATA) {
            return SourceStamp.sourceHospital((Resource) resource).map(access.principal().hospital()::equals).orElse(false);
        }
        // shown or refused, a look at someone's records belongs in that person's access log
        Optional<String> patientId = facts.patientIdOf(resource);
        Optional<PersonKey> person = resource instanceof Patient patient
                ? Optional.of(facts.personOf(patient))
                : patientId.flatMap(facts::personOfPatient);
        person.ifPresent(p -> access.touched(p, patientId.orElse(resource.getIdElement().getIdPart())));
        if (verdict instanceof Verdict.Filtered filtered && mayShow(access, filtered.filter(), (Resource) resource, person)) {
            return true;
        }
        access.withheldOne();
        return false;
    }

    private boolean mayShow(RequestAccess access, Verdict.Filter filter, Resource resource, Optional<PersonKey> person) {
        var who = access.principal();
        return switch (filter) {
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
