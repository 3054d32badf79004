package org.onecity.fhir.citypatient;

import ca.uhn.fhir.jpa.subscription.model.ResourceModifiedMessage;
import ca.uhn.fhir.jpa.subscription.submit.interceptor.SubscriptionMatcherInterceptor;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;

import java.util.Set;

/**
 * HAPI's subscription matcher, limited to what the city's only subscriptions (MDM's) listen to. Left as it comes it
 * encodes and stores a message for every resource written, some eighty per pushed patient history, only for the
 * subscription pipeline to discard all but the Patient.
 */
class PatientChangesForMatching extends SubscriptionMatcherInterceptor {

    private static final Set<String> MATCHED_TYPES = Set.of("Patient", "Subscription");

    @Override
    protected void processResourceModifiedEvent(IBaseResource resource,
            ResourceModifiedMessage.OperationTypeEnum operation, RequestDetails request) {
        if (MATCHED_TYPES.contains(resource.fhirType())) {
            super.processResourceModifiedEvent(resource, operation, request);
        }
    }
}
