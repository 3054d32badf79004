package org.onecity.billing.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.onecity.billing.Refused;

/** A refusal of the billing rules answered as FHIR answers: the right status with an OperationOutcome. */
@Interceptor
class RefusalsAsFhirErrors {

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException translate(Throwable thrown) {
        Throwable cause = thrown;
        while (cause != null && !(cause instanceof Refused)) {
            cause = cause.getCause();
        }
        if (!(cause instanceof Refused refused)) {
            return null;
        }
        return switch (refused.kind()) {
            case NOT_FOUND -> new ResourceNotFoundException(refused.getMessage());
            case FORBIDDEN -> new ForbiddenOperationException(refused.getMessage());
            case CONFLICT -> new ResourceVersionConflictException(refused.getMessage());
            case UNPROCESSABLE -> new UnprocessableEntityException(refused.getMessage());
            case MALFORMED -> new InvalidRequestException(refused.getMessage());
        };
    }
}
