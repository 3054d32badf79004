package org.onecity.fhir.ingest;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
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

    private final SenderResolver senders;
    private final QualityGate qualityGate;
    private final IngestMetrics metrics;

    HospitalPushInterceptor(SenderResolver senders, QualityGate qualityGate, IngestMetrics metrics) {
        this.senders = senders;
        this.qualityGate = qualityGate;
        this.metrics = metrics;
    }

    /** Before HAPI parses the body: the parser's complaints are to be collected, not just logged. */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
    public boolean collectParseProblems() {
        ParseProblems.collect();
        return true;
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
                ConditionalPush.apply(bundle, sender);
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
