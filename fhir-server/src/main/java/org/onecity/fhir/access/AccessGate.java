package org.onecity.fhir.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.PreVerifyConditionalMatchCriteriaRequest;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.security.BreakGlassHeader;
import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;
import org.onecity.fhir.server.RestInterceptor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges every FHIR request before it runs: the caller's token must carry the SMART scopes for what it asks, the
 * city's rules must allow that kind of access, and a search may ask only what the caller may ask
 * ({@link SearchCriteria}). What the rules allow only record by record is decided where every route passes: each
 * record when it is loaded ({@link CityConsentService}) and when it is stored ({@link WriteGuard}). A hospital
 * system's searches are narrowed to what its hospital sent, so that they never scan the city.
 */
public class AccessGate implements RestInterceptor {

    /** A doctor reading past the rules states why; the reason is recorded and shown to the patient. */
    public static final String BREAK_GLASS_HEADER = BreakGlassHeader.NAME;

    private final SearchCriteria searchCriteria;
    private final ConditionalScope conditionalScope;
    private final SearchScope searchScope;
    private final DaoRegistry daos;

    AccessGate(SearchCriteria searchCriteria, ConditionalScope conditionalScope, SearchScope searchScope, DaoRegistry daos) {
        this.searchCriteria = searchCriteria;
        this.conditionalScope = conditionalScope;
        this.searchScope = searchScope;
        this.daos = daos;
    }

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -100)
    public boolean admit(RequestDetails request) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == RestOperationTypeEnum.METADATA) {
            return true;
        }
        CityPrincipal who = CityPrincipal.current()
                .orElseThrow(() -> new AuthenticationException("A bearer token from the city's issuer is required"));
        if (operation == RestOperationTypeEnum.META_ADD || operation == RestOperationTypeEnum.META_DELETE
                || "$meta-add".equals(request.getOperation()) || "$meta-delete".equals(request.getOperation())) {
            // with inline tag storage, $meta-add would answer success and change nothing a reader sees
            throw new MethodNotAllowedException("Tags are kept inside each record here: change them with an update or "
                    + "a PATCH of the record, not " + request.getOperation(), RequestTypeEnum.PUT, RequestTypeEnum.PATCH);
        }
        String breakGlass = breakGlassReason(request, who);
        Verdict.Filter narrowing = judge(who, RequestedAccess.of(request, operation));
        if (operation == RestOperationTypeEnum.TRANSACTION && who.is(Role.PATIENT)) {
            // a patient's searches are narrowed to their own records, which HAPI cannot do for a batch's entries
            throw new ForbiddenOperationException("Patients send one request at a time, not batches or transactions");
        }
        if (operation == RestOperationTypeEnum.HISTORY_TYPE && !who.is(Role.ADMIN) && !who.is(Role.HOSPITAL_SYSTEM)) {
            throw new ForbiddenOperationException("The history of a whole type walks the city's records: read the "
                    + "history of a record instead (" + request.getResourceName() + "/{id}/_history)");
        }
        if (isSearch(operation)) {
            searchCriteria.check(who, operation == RestOperationTypeEnum.SEARCH_TYPE ? request.getResourceName() : null,
                    request.getParameters());
        }
        RequestAccess access = new RequestAccess(who, breakGlass);
        access.attachTo(request);
        conditionalScope.narrowUrl(request, operation, who);
        if (narrowing == Verdict.Filter.OWN_HOSPITAL_DATA && isSearch(operation)) {
            request.setParameters(withTag(request.getParameters(), hospitalTag(who.hospital())));
        }
        if (operation == RestOperationTypeEnum.SEARCH_TYPE) {
            searchScope.requiredTag(access, request.getResourceName(), request.getParameters())
                    .ifPresent(tag -> request.setParameters(withTag(request.getParameters(), tag)));
        }
        return true;
    }

    /**
     * HAPI checks that a conditionally created record satisfies its own conditional URL; the narrowing to the caller's
     * hospital is the city's condition, not the caller's, and the record only gets its tag as it is stored.
     */
    @Hook(Pointcut.STORAGE_PREVERIFY_CONDITIONAL_MATCH_CRITERIA)
    public void verifyWithoutNarrowing(PreVerifyConditionalMatchCriteriaRequest criteria) {
        criteria.setConditionalUrl(ConditionalScope.withoutNarrowing(criteria.getConditionalUrl()));
    }

    /** What a transaction or batch asks is known only once its body is read. */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = -100)
    public void admitBody(RequestDetails request, RestOperationTypeEnum operation) {
        RequestAccess access = RequestAccess.of(request).orElse(null);
        if (access == null) {
            return;
        }
        if (operation == RestOperationTypeEnum.TRANSACTION && request.getResource() instanceof Bundle bundle) {
            judge(access.principal(), RequestedAccess.of(request, operation));
            bundle.getEntry().forEach(entry -> admitReadEntry(access, entry.getRequest()));
        }
        conditionalScope.narrowBody(request, operation, access.principal());
        if (access.unrestricted()) {
            // everything this request reaches may be returned: no per-resource checks, and counts are true counts
            ConsentInterceptor.skipAllConsentForRequest(request);
        } else if (operation == RestOperationTypeEnum.HISTORY_INSTANCE) {
            requireVisible(request);
        } else if (operation == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE && "$everything".equals(request.getOperation())) {
            requireVisibleFocus(request, access);
        }
    }

    /**
     * $everything of a record the caller may not see is not known. A doctor's reach for the person is known from the
     * remembered facts, without loading the record; one reaching only their hospital's records of the person gets the
     * records judged as they are loaded, so that pages count right.
     */
    private void requireVisibleFocus(RequestDetails request, RequestAccess access) {
        Optional<PersonKey> person = access.principal().is(Role.DOCTOR)
                ? searchScope.namedPerson("Patient", Map.of("_id", new String[] {request.getId().getIdPart()}))
                : Optional.empty();
        SearchScope.Reach reach = person.map(p -> searchScope.reach(access, p)).orElse(SearchScope.Reach.OWN_HOSPITAL);
        if (reach == SearchScope.Reach.NONE) {
            throw new ResourceNotFoundException(request.getId().toUnqualifiedVersionless());
        }
        if (reach == SearchScope.Reach.OWN_HOSPITAL) {
            requireVisible(request);
            if (access.principal().is(Role.DOCTOR)) {
                access.judgeWhenLoaded();
            }
        }
    }

    /**
     * The history or $everything of a record the caller may not see is "not known", as the record itself is: an
     * empty answer instead would tell that it exists.
     */
    private void requireVisible(RequestDetails request) {
        IIdType id = request.getId();
        if (id != null && id.hasIdPart() && daos.isResourceTypeSupported(request.getResourceName())
                && daos.getResourceDao(request.getResourceName()).read(id.toUnqualifiedVersionless(), request) == null) {
            throw new ResourceNotFoundException(id.toUnqualifiedVersionless());
        }
    }

    /**
     * A GET entry runs as a search or read of its own, past the hooks a request passes: the same criteria, the same
     * narrowing. History and operations in entries are the bureau's (the checks they need run only for requests).
     */
    private void admitReadEntry(RequestAccess access, Bundle.BundleEntryRequestComponent call) {
        if (call.getMethod() != Bundle.HTTPVerb.GET && call.getMethod() != Bundle.HTTPVerb.HEAD) {
            return;
        }
        CityPrincipal who = access.principal();
        EntryUrl url = EntryUrl.parse(call.getUrl());
        if (!who.is(Role.ADMIN) && (url.operation() != null || call.getUrl().contains("_history"))) {
            throw new ForbiddenOperationException("History and operations are sent as requests of their own, not as "
                    + "entries of a batch: " + call.getUrl());
        }
        if (!url.isSearch()) {
            return;
        }
        searchCriteria.check(who, url.type(), url.parameters());
        if (url.type() != null && AccessRules.decide(who, url.type(), Interaction.SEARCH) instanceof Verdict.Filtered f
                && f.filter() == Verdict.Filter.OWN_HOSPITAL_DATA) {
            appendTag(call, hospitalTag(who.hospital()));
        }
        searchScope.requiredTag(access, url.type(), url.parameters()).ifPresent(tag -> appendTag(call, tag));
    }

    private static void appendTag(Bundle.BundleEntryRequestComponent call, String tag) {
        String separator = call.getUrl().contains("?") ? "&" : "?";
        call.setUrl(call.getUrl() + separator + "_tag=" + encode(tag));
    }

    private static Verdict.Filter judge(CityPrincipal who, List<RequestedAccess> parts) {
        Verdict.Filter filter = null;
        for (RequestedAccess part : parts) {
            Verdict verdict = AccessRules.decide(who, part.type(), part.interaction());
            if (verdict instanceof Verdict.Refused refused) {
                throw new ForbiddenOperationException(refused.reason());
            }
            if (verdict instanceof Verdict.Filtered filtered) {
                filter = filtered.filter();
            }
        }
        return filter;
    }

    /**
     * The doctor's stated reason, decoded ({@link BreakGlassHeader}: plain text or an RFC 8187 UTF-8 value); a header
     * that cannot be read is a 400 before anything is read, on record like any refused request, without a reason.
     */
    private static String breakGlassReason(RequestDetails request, CityPrincipal who) {
        BreakGlassHeader.Reason read = BreakGlassHeader.read(request.getHeader(BREAK_GLASS_HEADER));
        if (read instanceof BreakGlassHeader.Malformed malformed) {
            throw new InvalidRequestException(malformed.problem());
        }
        if (!(read instanceof BreakGlassHeader.Stated stated)) {
            return null;
        }
        String reason = stated.text();
        if (!AccessRules.mayBreakGlass(who)) {
            throw new ForbiddenOperationException("Only doctors may break the glass");
        }
        if (reason.codePointCount(0, reason.length()) < 10) {
            throw new ForbiddenOperationException("State the reason for breaking the glass in words, at least ten "
                    + "characters (" + BREAK_GLASS_HEADER + ")");
        }
        return reason;
    }

    private static boolean isSearch(RestOperationTypeEnum operation) {
        return operation == RestOperationTypeEnum.SEARCH_TYPE || operation == RestOperationTypeEnum.SEARCH_SYSTEM
                || operation == RestOperationTypeEnum.HISTORY_TYPE;
    }

    /** The parameters with one more tag the results must carry (tags given twice must both match). */
    static Map<String, String[]> withTag(Map<String, String[]> parameters, String tag) {
        Map<String, String[]> narrowed = new HashMap<>(parameters);
        String[] tags = narrowed.getOrDefault("_tag", new String[0]);
        String[] withOne = Arrays.copyOf(tags, tags.length + 1);
        withOne[tags.length] = tag;
        narrowed.put("_tag", withOne);
        return narrowed;
    }

    static String hospitalTag(String hospital) {
        return CityIdentifiers.SOURCE_HOSPITAL_TAG + "|" + hospital;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
