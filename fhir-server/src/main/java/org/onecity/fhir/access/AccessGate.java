package org.onecity.fhir.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import org.hl7.fhir.r4.model.Bundle;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;
import org.onecity.fhir.server.RestInterceptor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges every FHIR request before it runs: the caller's token must carry the SMART scopes for what it asks, the
 * city's rules must allow that kind of access, and a search may ask only what the caller may ask
 * ({@link SearchCriteria}). What the rules allow only record by record is decided where every route passes: each
 * record when it is loaded ({@link CityConsentService}) and when it is stored ({@link WriteGuard}). A hospital
 * system's searches are narrowed to what its hospital sent, so that they never scan the city.
 */
public class AccessGate implements RestInterceptor {

    /** A doctor reading past the rules states why; the reason is recorded and shown to the patient. */
    public static final String BREAK_GLASS_HEADER = "X-Break-Glass-Reason";

    private final SearchCriteria searchCriteria;
    private final ConditionalScope conditionalScope;

    AccessGate(SearchCriteria searchCriteria, ConditionalScope conditionalScope) {
        this.searchCriteria = searchCriteria;
        this.conditionalScope = conditionalScope;
    }

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -100)
    public boolean admit(RequestDetails request) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == RestOperationTypeEnum.METADATA) {
            return true;
        }
        CityPrincipal who = CityPrincipal.current()
                .orElseThrow(() -> new AuthenticationException("A bearer token from the city's issuer is required"));
        String breakGlass = breakGlassReason(request, who);
        Verdict.Filter narrowing = judge(who, RequestedAccess.of(request, operation));
        if (operation == RestOperationTypeEnum.HISTORY_TYPE && !who.is(Role.ADMIN) && !who.is(Role.HOSPITAL_SYSTEM)) {
            throw new ForbiddenOperationException("The history of a whole type walks the city's records: read the "
                    + "history of a record instead (" + request.getResourceName() + "/{id}/_history)");
        }
        if (isSearch(operation)) {
            searchCriteria.check(who, operation == RestOperationTypeEnum.SEARCH_TYPE ? request.getResourceName() : null,
                    request.getParameters());
        }
        new RequestAccess(who, breakGlass).attachTo(request);
        if (narrowing == Verdict.Filter.OWN_HOSPITAL_DATA && isSearch(operation)) {
            request.setParameters(narrowedToHospital(request.getParameters(), who.hospital()));
        }
        return true;
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
            bundle.getEntry().forEach(entry -> admitReadEntry(access.principal(), entry.getRequest()));
        }
        conditionalScope.narrow(request, operation, access.principal());
        if (access.unrestricted()) {
            // everything this request reaches may be returned: no per-resource checks, and counts are true counts
            ConsentInterceptor.skipAllConsentForRequest(request);
        }
    }

    /** A GET entry runs as a search or read of its own: the same criteria, the same narrowing. */
    private void admitReadEntry(CityPrincipal who, Bundle.BundleEntryRequestComponent call) {
        if (call.getMethod() != Bundle.HTTPVerb.GET && call.getMethod() != Bundle.HTTPVerb.HEAD) {
            return;
        }
        EntryUrl url = EntryUrl.parse(call.getUrl());
        if (!url.isSearch()) {
            return;
        }
        searchCriteria.check(who, url.type(), url.parameters());
        if (url.type() != null && AccessRules.decide(who, url.type(), Interaction.SEARCH) instanceof Verdict.Filtered f
                && f.filter() == Verdict.Filter.OWN_HOSPITAL_DATA) {
            String separator = call.getUrl().contains("?") ? "&" : "?";
            call.setUrl(call.getUrl() + separator + "_tag=" + encode(hospitalTag(who.hospital())));
        }
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

    private static String breakGlassReason(RequestDetails request, CityPrincipal who) {
        String reason = request.getHeader(BREAK_GLASS_HEADER);
        if (reason == null || reason.isBlank()) {
            return null;
        }
        if (!AccessRules.mayBreakGlass(who)) {
            throw new ForbiddenOperationException("Only doctors may break the glass");
        }
        if (reason.strip().length() < 10) {
            throw new ForbiddenOperationException("State the reason for breaking the glass in words (" + BREAK_GLASS_HEADER + ")");
        }
        return reason.strip();
    }

    private static boolean isSearch(RestOperationTypeEnum operation) {
        return operation == RestOperationTypeEnum.SEARCH_TYPE || operation == RestOperationTypeEnum.SEARCH_SYSTEM
                || operation == RestOperationTypeEnum.HISTORY_TYPE;
    }

    static Map<String, String[]> narrowedToHospital(Map<String, String[]> parameters, String hospital) {
        Map<String, String[]> narrowed = new HashMap<>(parameters);
        String[] tags = narrowed.getOrDefault("_tag", new String[0]);
        String[] withHospital = Arrays.copyOf(tags, tags.length + 1);
        withHospital[tags.length] = hospitalTag(hospital);
        narrowed.put("_tag", withHospital);
        return narrowed;
    }

    static String hospitalTag(String hospital) {
        return CityIdentifiers.SOURCE_HOSPITAL_TAG + "|" + hospital;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
