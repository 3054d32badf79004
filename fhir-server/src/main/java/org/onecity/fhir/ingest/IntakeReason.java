package org.onecity.fhir.ingest;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

/**
 * Why a push was refused, as a code (a metric tag and a report key, so a bounded set; never the message). Each is the
 * OperationOutcome issue code the refusal carries, by its HTTP status; docs/city-record.md lists them.
 */
public enum IntakeReason {
    ACCEPTED("accepted"),
    /** 422: the quality gate: FHIR R4, the OneCity profiles or the city's rules (namespaces, one version per push). */
    INVALID("invalid"),
    /** 400: unreadable, or a request FHIR does not allow. */
    STRUCTURE("structure"),
    /** 401. */
    LOGIN("login"),
    /** 403: another hospital's records, identifiers or Organization. */
    FORBIDDEN("forbidden"),
    /** 404 and 410: a reference or a record that is not known. */
    NOT_FOUND("not-found"),
    /** 409 and 412: a conditional match that is not one record, or a version conflict. */
    CONFLICT("conflict"),
    /** 413. */
    TOO_LONG("too-long"),
    /** 415. */
    NOT_SUPPORTED("not-supported"),
    /** 503: the server is busy; send again. */
    TRANSIENT("transient"),
    /** 500: the city's fault. */
    EXCEPTION("exception");

    private final String code;

    IntakeReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    static IntakeReason of(Throwable failure) {
        int status = failure instanceof BaseServerResponseException e ? e.getStatusCode() : 500;
        return switch (status) {
            case 422 -> INVALID;
            case 400 -> STRUCTURE;
            case 401 -> LOGIN;
            case 403 -> FORBIDDEN;
            case 404, 410 -> NOT_FOUND;
            case 409, 412 -> CONFLICT;
            case 413 -> TOO_LONG;
            case 415 -> NOT_SUPPORTED;
            case 503 -> TRANSIENT;
            default -> EXCEPTION;
        };
    }
}
