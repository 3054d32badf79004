package org.onecity.fhir.ingest;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.ResourceVersionConflictResolutionStrategy;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.onecity.fhir.server.RestInterceptor;

/**
 * Two systems of a hospital (say its HIS and its LIS) push the same patient at the same moment: one of the two
 * database transactions loses the race on the conditional match. A hospital push is idempotent, so the hub
 * retries it itself instead of handing the hospital a 409 for a race it cannot see.
 */
public class ConcurrentPushRetry implements RestInterceptor {

    static final int MAX_RETRIES = 5;

    @Hook(Pointcut.STORAGE_VERSION_CONFLICT)
    public ResourceVersionConflictResolutionStrategy retryHospitalPushes(RequestDetails request) {
        ResourceVersionConflictResolutionStrategy strategy = new ResourceVersionConflictResolutionStrategy();
        if (Submission.of(request).isPresent()) {
            strategy.setRetry(true);
            strategy.setMaxRetries(MAX_RETRIES);
        }
        return strategy;
    }
}
