package org.onecity.billing.web;

import org.onecity.billing.Refused;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;

/**
 * Every refusal is answered as problem+json (RFC 9457) with a stable problem type and the reason in words; a client's
 * mistake is never a 500 and never shows a stack trace. Spring MVC's own refusals (wrong method, media type...) are
 * problem+json too, through the handler this extends.
 */
@RestControllerAdvice
public class Problems extends ResponseEntityExceptionHandler {

    static final String TYPES = "https://onecity.example/problems/";

    @ExceptionHandler(Refused.class)
    ResponseEntity<Object> refused(Refused refused) {
        HttpStatus status = switch (refused.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case MALFORMED -> HttpStatus.BAD_REQUEST;
        };
        return answer(status, refused.problem(), refused.getMessage());
    }

    /**
     * A unique rule of the database broken by two requests at once, where the rules above could not see the other
     * (the same Idempotency-Key sent for two bills at the same moment): the later one is refused, nothing changed.
     */
    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<Object> concurrent(DuplicateKeyException e) {
        return answer(HttpStatus.CONFLICT, "concurrent-conflict",
                "Another request did the same at the same moment and was first; repeat this one to see the outcome");
    }

    /** A value the domain refuses that no rule above names (an amount out of range, a share outside 0..1). */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Object> invalid(IllegalArgumentException e) {
        return answer(HttpStatus.UNPROCESSABLE_ENTITY, "invalid", e.getMessage());
    }

    /** Unreadable JSON, or a value that does not fit its field (an amount with three decimals, an unknown category). */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        String detail = cause instanceof IllegalArgumentException ? cause.getMessage()
                : "The request body is not readable: " + firstLine(cause.getMessage());
        return answer(HttpStatus.BAD_REQUEST, "unreadable-body", detail);
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (e instanceof MissingRequestHeaderException missing) {
            return answer(HttpStatus.BAD_REQUEST, "header-missing",
                    "The request needs the " + missing.getHeaderName() + " header");
        }
        return super.handleServletRequestBindingException(e, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        return answer(HttpStatus.BAD_REQUEST, "bad-parameter", "Not a valid " + e.getPropertyName() + ": " + e.getValue());
    }

    private static ResponseEntity<Object> answer(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPES + type));
        problem.setTitle(status.getReasonPhrase());
        return ResponseEntity.status(status).body(problem);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        int at = line.indexOf(" at [Source");
        return at < 0 ? line : line.substring(0, at);
    }
}
