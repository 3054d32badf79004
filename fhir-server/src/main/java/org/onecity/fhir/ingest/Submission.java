package org.onecity.fhir.ingest;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.onecity.common.city.Hospital;

import java.util.Optional;

/**
 * A write by a hospital: who sends it and how many resources it carries. Kept with the request so that
 * storage hooks further down can stamp and guard every resource it writes.
 */
public record Submission(Hospital hospital, int resourceCount) {

    private static final String KEY = Submission.class.getName();

    public void attachTo(RequestDetails request) {
        request.getUserData().put(KEY, this);
    }

    public static Optional<Submission> of(RequestDetails request) {
        return request == null ? Optional.empty() : Optional.ofNullable((Submission) request.getUserData().get(KEY));
    }
}
