package org.onecity.fhir.audit;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

/** The access log cannot take an entry, so the access it would record is refused (503, nothing returned or stored). */
public class AccessLogUnavailable extends BaseServerResponseException {

    public static final int STATUS = 503;

    public AccessLogUnavailable() {
        super(STATUS, "The access could not be recorded in the access log, so it is refused. Try again later.");
        addResponseHeader("Retry-After", "5");
    }
}
