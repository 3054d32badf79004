package org.onecity.batch.web;

import org.onecity.batch.operation.Jobs;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;

/** Refusals as problem+json with a stable type; a caller's mistake is never a 500. */
@RestControllerAdvice
public class Problems extends ResponseEntityExceptionHandler {

    static final String TYPES = "https://onecity.example/problems/";

    @ExceptionHandler(Jobs.JobRefused.class)
    ResponseEntity<Object> refused(Jobs.JobRefused refused) {
        return answer(HttpStatus.valueOf(refused.status()), refused.problem(), refused.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return answer(HttpStatus.BAD_REQUEST, "unreadable-body",
                "The request body is not a JSON object of parameter names and values");
    }

    private static ResponseEntity<Object> answer(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPES + type));
        problem.setTitle(status.getReasonPhrase());
        return ResponseEntity.status(status).body(problem);
    }
}
