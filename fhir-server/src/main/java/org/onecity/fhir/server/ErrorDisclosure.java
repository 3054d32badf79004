package org.onecity.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A client's mistake gets HAPI's precise 4xx OperationOutcome. A server fault gets an incident number only:
 * the details (SQL, class names, stack) go to the log, never to the client.
 */
public class ErrorDisclosure implements RestInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ErrorDisclosure.class);
    private static final Pattern HAPI_CODE = Pattern.compile("^HAPI-\\d+: ");

    @Hook(value = Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION, order = 1000)
    public BaseServerResponseException hideInternals(RequestDetails request, Throwable failure) {
        if (failure instanceof ResourceNotFoundException notFound) {
            // a record that does not exist and one the caller may not see are "not known" in the same words
            return new ResourceNotFoundException(HAPI_CODE.matcher(String.valueOf(notFound.getMessage())).replaceFirst(""));
        }
        if (failure instanceof BaseServerResponseException e && (e.getStatusCode() < 500 || e.getStatusCode() == 503)) {
            return null; // a client's mistake, or a deliberate refusal whose message is written for the client
        }
        String incident = UUID.randomUUID().toString();
        log.error("Incident {} on {} {}", incident, request.getRequestType(), request.getCompleteUrl(), failure);
        return new InternalErrorException("The city record could not complete this request (incident " + incident
                + "). Nothing was stored for a failed transaction; it is safe to retry.");
    }
}
