package org.onecity.fhir.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.common.city.Hospital;
import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;
import org.onecity.fhir.quality.ParseProblems;
import org.onecity.fhir.quality.Problem;
import org.onecity.fhir.quality.QualityGate;
import org.onecity.fhir.server.RestInterceptor;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The door hospitals push through. Every write of a hospital system is attributed to the hospital its token is
 * bound to, checked whole by the quality gate before anything is stored, and made idempotent; accepted and rejected
 * resources are counted per hospital.
 */
public class HospitalPushInterceptor implements RestInterceptor {

    private static final Set<RestOperationTypeEnum> WRITES = EnumSet.of(RestOperationTypeEnum.CREATE,
            RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.PATCH, RestOperationTypeEnum.DELETE,
            RestOperationTypeEnum.TRANSACTION);

    private static final String CONDITIONAL_CREATE = HospitalPushInterceptor.class.getName() + ".conditionalCreate";

    private final SenderResolver senders;
    private final QualityGate qualityGate;
    private final IngestMetrics metrics;
    private final FhirContext fhirContext;

    HospitalPushInterceptor(SenderResolver senders, QualityGate qualityGate, IngestMetrics metrics, FhirContext fhirContext) {
        this.senders = senders;
        this.qualityGate = qualityGate;
        this.metrics = metrics;
        this.fhirContext = fhirContext;
    }

    /** Before HAPI parses the body: the parser's complaints are to be collected, not just logged. */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
    public boolean collectParseProblems() {
        ParseProblems.collect();
        return true;
    }

    /**
     * A plain create by a hospital becomes a conditional create on its match key, so that sending it again creates
     * nothing. HAPI reads the conditional URL before the body is handed to interceptors, so the body is read here
     * (HAPI keeps the bytes and parses them again); before the access rules, which narrow the URL to the hospital.
     */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -200)
    public boolean conditionalCreate(RequestDetails request) {
        if (request.getRestOperationType() != RestOperationTypeEnum.CREATE
                || request.getConditionalUrl(RestOperationTypeEnum.CREATE) != null) {
            return true;
        }
        CityPrincipal who = CityPrincipal.current().orElse(null);
        Hospital sender = who == null || !who.is(Role.HOSPITAL_SYSTEM) ? null : senders.registered(who).orElse(null);
        Resource resource = sender == null ? null : bodyOf(request);
        if (resource != null) {
            ConditionalPush.forCreate(resource, sender, fhirContext).ifPresent(url -> {
                request.setFixedConditionalUrl(url);
                request.getUserData().put(CONDITIONAL_CREATE, url);
            });
        }
        return true;
    }

    /** The body as a resource, or null if it is not one; HAPI reports what is wrong with it when it parses it. */
    private Resource bodyOf(RequestDetails request) {
        try {
            String body = new String(request.loadRequestContents(), StandardCharsets.UTF_8);
            EncodingEnum encoding = EncodingEnum.detectEncodingNoDefault(body);
            if (encoding == null) {
                return null;
            }
            return (Resource) encoding.newParser(fhirContext).setParserErrorHandler(new LenientErrorHandler(false))
                    .parseResource(body);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void admit(RequestDetails request, RestOperationTypeEnum operation) {
        List<Problem> parseProblems = ParseProblems.take();
        if (!WRITES.contains(operation)) {
            return;
        }
        CityPrincipal who = CityPrincipal.current().orElse(null);
        Hospital sender;
        if (who == null) {
            sender = senders.declaredSender(request);
        } else if (who.is(Role.HOSPITAL_SYSTEM)) {
            sender = senders.sender(request, who);
        } else {
            return; // only hospital systems push; what others may write is the access rules' business
        }
        Resource submitted = (Resource) request.getResource();
        Submission submission = new Submission(sender, countOf(submitted));
        submission.attachTo(request);
        if (submitted != null) {
            qualityGate.admit(submitted, sender, parseProblems);
            if (submitted instanceof Bundle bundle) {
                ConditionalPush.apply(bundle, sender, fhirContext);
            } else if (operation == RestOperationTypeEnum.CREATE && request.getUserData().containsKey(CONDITIONAL_CREATE)) {
                // the resource HAPI stores carries the intake key its conditional URL names
                ConditionalPush.forCreate(submitted, sender, fhirContext);
            }
        }
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
    public void stopCollecting() {
        ParseProblems.take();
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED_NORMALLY)
    public void accepted(RequestDetails request) {
        Submission.of(request).ifPresent(s -> metrics.accepted(s.hospital(), s.resourceCount()));
    }

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException rejected(RequestDetails request, Throwable failure) {
        Submission.of(request).ifPresent(s -> metrics.rejected(s.hospital(), s.resourceCount(), failure));
        return null;
    }

    private static int countOf(Resource submitted) {
        if (submitted instanceof Bundle bundle) {
            return bundle.getEntry().size();
        }
        return 1;
    }
}
