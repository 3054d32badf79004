package org.onecity.fhir.access;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.util.ResourceCompartmentUtil;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import org.hl7.fhir.r4.model.Consent;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;
import org.onecity.fhir.server.RestInterceptor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges every FHIR request before it runs: the caller's token must carry the SMART scopes for what it asks,
 * and the city's access rules must allow it. What the rules allow only resource by resource is left to the
 * consent check with the decision attached to the request; a hospital system's searches are narrowed to what its
 * hospital sent, so that they never scan the city.
 */
public class AccessGate implements RestInterceptor {

    /** A doctor reading past the rules states why; the reason is recorded and shown to the patient. */
    public static final String BREAK_GLASS_HEADER = "X-Break-Glass-Reason";
    private static final Set<String> NAMES_THE_PATIENT = Set.of("_id", "identifier");

    private final FhirContext fhirContext;
    private final OwnConsents ownConsents;

    public AccessGate(FhirContext fhirContext, OwnConsents ownConsents) {
        this.fhirContext = fhirContext;
        this.ownConsents = ownConsents;
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
        Verdict.Filter filter = judge(who, RequestedAccess.of(request, operation));
        if (who.is(Role.DOCTOR) && operation == RestOperationTypeEnum.SEARCH_TYPE && !namesAPatient(request)) {
            throw new ForbiddenOperationException("Name the patient (patient, subject or _id) to search "
                    + request.getResourceName() + ": doctors search one person's records at a time");
        }
        new RequestAccess(who, filter, breakGlass).attachTo(request);
        if (filter == Verdict.Filter.OWN_HOSPITAL_DATA && isSearch(operation)) {
            narrowToHospital(request, who.hospital());
        }
        return true;
    }

    /** What a request writes is known only once its body is read: a transaction's entries, a patient's consent. */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = -100)
    public void admitBody(RequestDetails request, RestOperationTypeEnum operation) {
        RequestAccess access = RequestAccess.of(request).orElse(null);
        if (access == null) {
            return;
        }
        if (operation == RestOperationTypeEnum.TRANSACTION) {
            access = access.withFilter(judge(access.principal(), RequestedAccess.of(request, operation)));
            access.attachTo(request);
        }
        if (access.principal().is(Role.PATIENT) && request.getResource() instanceof Consent consent) {
            ownConsents.check(access.principal(), consent);
        }
        if (access.filter() == null) {
            // everything this request reaches may be returned: no per-resource checks, and counts are true counts
            ConsentInterceptor.skipAllConsentForRequest(request);
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

    private boolean namesAPatient(RequestDetails request) {
        String type = request.getResourceName();
        if ("Patient".equals(type) || ResourceKinds.isOpenToAllSignedIn(type)) {
            return true;
        }
        RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(type);
        var compartmentParams = ResourceCompartmentUtil.getPatientCompartmentSearchParams(definition, true);
        if (compartmentParams.isEmpty()) {
            return true;
        }
        return request.getParameters().keySet().stream()
                .map(name -> name.contains(":") ? name.substring(0, name.indexOf(':')) : name)
                .anyMatch(name -> NAMES_THE_PATIENT.contains(name)
                        || compartmentParams.stream().anyMatch(p -> p.getName().equals(name)));
    }

    private static boolean isSearch(RestOperationTypeEnum operation) {
        return operation == RestOperationTypeEnum.SEARCH_TYPE || operation == RestOperationTypeEnum.SEARCH_SYSTEM
                || operation == RestOperationTypeEnum.HISTORY_TYPE;
    }

    private static void narrowToHospital(RequestDetails request, String hospital) {
        Map<String, String[]> parameters = new HashMap<>(request.getParameters());
        String[] tags = parameters.getOrDefault("_tag", new String[0]);
        String[] narrowed = java.util.Arrays.copyOf(tags, tags.length + 1);
        narrowed[tags.length] = CityIdentifiers.SOURCE_HOSPITAL_TAG + "|" + hospital;
        parameters.put("_tag", narrowed);
        request.setParameters(parameters);
    }
}
