package org.onecity.imaging.dicomweb;

import org.onecity.imaging.access.CityRecordGate;
import org.onecity.imaging.access.ImagingAccess;
import org.onecity.imaging.store.InstanceObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.io.IOException;
import java.net.URI;

/** DICOMweb refusals as problem+json with the reason; a client's mistake is never a 500. */
@RestControllerAdvice
class DicomWebErrors {

    private static final Logger log = LoggerFactory.getLogger(DicomWebErrors.class);
    private static final String TYPES = "https://onecity.example/problems/";

    @ExceptionHandler(DicomWebProblem.class)
    ResponseEntity<ProblemDetail> problem(DicomWebProblem problem) {
        return answer(HttpStatus.valueOf(problem.status()), "dicomweb", problem.getMessage());
    }

    @ExceptionHandler(ImagingAccess.Forbidden.class)
    ResponseEntity<ProblemDetail> forbidden(ImagingAccess.Forbidden forbidden) {
        return answer(HttpStatus.FORBIDDEN, "forbidden", forbidden.getMessage());
    }

    @ExceptionHandler(CityRecordGate.CityRecordUnavailable.class)
    ResponseEntity<ProblemDetail> cityRecordDown(CityRecordGate.CityRecordUnavailable e) {
        return answer(HttpStatus.SERVICE_UNAVAILABLE, "city-record-unavailable", e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badQuery(IllegalArgumentException e) {
        return answer(HttpStatus.BAD_REQUEST, "bad-request", e.getMessage());
    }

    @ExceptionHandler(MultipartRelated.MalformedMultipart.class)
    ResponseEntity<ProblemDetail> malformed(MultipartRelated.MalformedMultipart e) {
        return answer(HttpStatus.BAD_REQUEST, "malformed-multipart", e.getMessage());
    }

    @ExceptionHandler(InstanceObjects.ObjectStoreFailure.class)
    ResponseEntity<ProblemDetail> objectStore(InstanceObjects.ObjectStoreFailure e) {
        log.warn("Object store failure: {}", e.getMessage());
        return answer(HttpStatus.SERVICE_UNAVAILABLE, "object-store-unavailable",
                "The object store is not available; try again later");
    }

    /** The client went away or sent a body that broke off. */
    @ExceptionHandler(IOException.class)
    ResponseEntity<ProblemDetail> io(IOException e) {
        return answer(HttpStatus.BAD_REQUEST, "broken-request", "The request could not be read: " + e.getMessage());
    }

    static ResponseEntity<ProblemDetail> answer(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPES + type));
        problem.setTitle(status.getReasonPhrase());
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
