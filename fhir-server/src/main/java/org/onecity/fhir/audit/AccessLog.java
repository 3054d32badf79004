package org.onecity.fhir.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;
import org.onecity.fhir.access.PersonKey;
import org.onecity.fhir.access.PersonFacts;
import org.onecity.fhir.access.RequestAccess;
import org.onecity.fhir.server.RestInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every read, search and write that reaches patient data leaves an entry in the access log, before the caller gets
 * an answer: a read is answered only once its entry is stored, and a write's entry commits in the same database
 * transaction as the write. If the entry cannot be stored, the access is refused.
 */
public class AccessLog implements RestInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);
    private static final Set<RestOperationTypeEnum> WRITES = EnumSet.of(RestOperationTypeEnum.CREATE,
            RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.PATCH, RestOperationTypeEnum.DELETE,
            RestOperationTypeEnum.TRANSACTION, RestOperationTypeEnum.META_ADD, RestOperationTypeEnum.META_DELETE);
    private static final String RECORDED = AccessLog.class.getName() + ".recorded";

    private final AuditTrail trail;
    private final PersonFacts facts;
    private final Clock clock;

    public AccessLog(AuditTrail trail, PersonFacts facts, Clock clock) {
        this.trail = trail;
        this.facts = facts;
        this.clock = clock;
    }

    /** Whose records a write reaches is known from what it sends. */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = 100)
    public void noteWrittenPersons(RequestDetails request, RestOperationTypeEnum operation) {
        if (!WRITES.contains(operation) || !(request.getResource() instanceof Resource submitted)) {
            return;
        }
        RequestAccess.of(request).ifPresent(access -> {
            List<Resource> resources = submitted instanceof Bundle bundle
                    ? bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(r -> r != null).toList()
                    : List.of(submitted);
            for (Resource resource : resources) {
                if (resource instanceof Patient patient) {
                    access.touched(PersonKey.of(patient), patient.getIdElement().getIdPart());
                } else {
                    note(access, resource);
                }
            }
        });
    }

    /**
     * Whose records a read shows is known from what it is about to show. Where the consent check looked at each
     * resource it has noted them already; this covers the requests it did not need to check.
     */
    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void noteShownPersons(RequestDetails request, IPreResourceShowDetails shown) {
        RequestAccess.of(request).filter(RequestAccess::unrestricted).ifPresent(access -> {
            for (int i = 0; i < shown.size(); i++) {
                IBaseResource resource = shown.getResource(i);
                if (resource instanceof Resource r) {
                    note(access, r);
                }
            }
        });
    }

    /** A write's entry goes into the write's own transaction, just before it commits. */
    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(RequestDetails request) {
        recordWithinTransaction(request);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(RequestDetails request) {
        recordWithinTransaction(request);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(RequestDetails request) {
        recordWithinTransaction(request);
    }

    /** A read is answered only once its entry is stored. */
    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean beforeAnswering(RequestDetails request) {
        if (request.getUserData().containsKey(RECORDED)) {
            return true;
        }
        // a relayed entry is the log itself, not a look at anyone's data
        RequestAccess.of(request).filter(access -> !access.principal().is(Role.SERVICE)).ifPresent(access -> {
            request.getUserData().put(RECORDED, Boolean.TRUE);
            append(AuditRecords.of(access, request, 0, null, clock.instant(), address(request)), request);
        });
        return true;
    }

    /**
     * A refused or failed request is on record too. If its entry cannot be stored, the caller is told so (503) rather
     * than given an answer the access log does not know of.
     */
    @Hook(value = Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION, order = 500)
    public BaseServerResponseException failed(RequestDetails request, Throwable failure) {
        if (request.getUserData().containsKey(RECORDED)) {
            return null;
        }
        Optional<RequestAccess> access = RequestAccess.of(request).or(() -> CityPrincipal.current()
                .map(who -> new RequestAccess(who, null)));
        if (access.isEmpty()) {
            return null;
        }
        request.getUserData().put(RECORDED, Boolean.TRUE);
        int status = failure instanceof BaseServerResponseException e ? e.getStatusCode() : 500;
        try {
            trail.append(AuditRecords.of(access.get(), request, status >= 500 ? 8 : 4, failure.getMessage(),
                    clock.instant(), address(request)));
            return null;
        } catch (RuntimeException e) {
            log.error("Access log unavailable; answering 503 instead of {} to {} {}", status, request.getRequestType(),
                    request.getCompleteUrl(), e);
            return new AccessLogUnavailable();
        }
    }

    private void recordWithinTransaction(RequestDetails request) {
        if (request == null || request.getUserData().containsKey(RECORDED)
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        RequestAccess.of(request).ifPresent(access -> {
            request.getUserData().put(RECORDED, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    append(AuditRecords.of(access, request, 0, null, clock.instant(), address(request)), request);
                }

                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        request.getUserData().remove(RECORDED); // the failure hook records the attempt
                    }
                }
            });
        });
    }

    /** Stores entries, or refuses the access: a failure here is never retried as if it were a conflict. */
    private void append(List<AuditRecord> records, RequestDetails request) {
        try {
            trail.append(records);
        } catch (RuntimeException e) {
            log.error("Access log unavailable; refusing {} {}", request.getRequestType(), request.getCompleteUrl(), e);
            throw new AccessLogUnavailable();
        }
    }

    private void note(RequestAccess access, Resource resource) {
        Optional<String> patientId = facts.patientIdOf(resource);
        if (patientId.isEmpty()) {
            return;
        }
        facts.personOfPatient(patientId.get()).ifPresent(p -> access.touched(p, patientId.get()));
    }

    private static String address(RequestDetails request) {
        return request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null
                ? servlet.getServletRequest().getRemoteAddr() : null;
    }
}
