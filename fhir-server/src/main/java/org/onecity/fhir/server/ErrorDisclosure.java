package org.onecity.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A client's mistake gets HAPI's precise 4xx OperationOutcome. A server fault gets an incident number only:
 * the details (SQL, class names, stack) go to the log, never to the client.
 */
public class ErrorDisclosure implements RestInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ErrorDisclosure.class);
    private static final Pattern HAPI_CODE = Pattern.compile("^HAPI-\\d+: ");
    private static final Set<RestOperationTypeEnum> ONE_RECORD = EnumSet.of(RestOperationTypeEnum.READ,
            RestOperationTypeEnum.VREAD, RestOperationTypeEnum.HISTORY_INSTANCE,
            RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE);

    @Hook(value = Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION, order = 1000)
    public BaseServerResponseException hideInternals(RequestDetails request, Throwable failure) {
        boolean aboutOneRecord = ONE_RECORD.contains(request.getRestOperationType()) && request.getId() != null
                && request.getId().hasIdPart();
        if ((failure instanceof ResourceNotFoundException || failure instanceof ResourceGoneException) && aboutOneRecord
                && !CityPrincipal.current().map(who -> who.is(Role.ADMIN)).orElse(false)) {
            // a record that does not exist, one deleted, a version that never was, and one the caller may not see are
            // "not known" in the same words: only the bureau learns which
            return new ResourceNotFoundException("Resource " + request.getResourceName() + "/" + request.getId().getIdPart()
                    + " is not known");
        }
        if (failure instanceof ResourceNotFoundException notFound) {
            return new ResourceNotFoundException(HAPI_CODE.matcher(String.valueOf(notFound.getMessage())).replaceFirst(""));
        }
        Throwable unreadable = unreadableBody(failure);
        if (unreadable != null) {
            // HAPI's parser lets some malformed input out unwrapped (a narrative whose root is not a div): the sender's
            return new InvalidRequestException("The body is not readable FHIR: " + unreadable.getMessage());
        }
        if (failure instanceof BaseServerResponseException e && (e.getStatusCode() < 500 || e.getStatusCode() == 503)) {
            return null; // a client's mistake, or a deliberate refusal whose message is written for the client
        }
        String incident = UUID.randomUUID().toString();
        log.error("Incident {} on {} {}", incident, request.getRequestType(), request.getCompleteUrl(), failure);
        return new InternalErrorException("The city record could not complete this request (incident " + incident
                + "). Nothing was stored for a failed transaction; it is safe to retry.");
    }

    /** The parser's complaint about the body, wherever in the causes it sits; null when the failure is not one. */
    private static Throwable unreadableBody(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof org.hl7.fhir.exceptions.FHIRFormatError || cause instanceof ca.uhn.fhir.parser.DataFormatException) {
                return cause;
            }
        }
        return null;
    }
}
