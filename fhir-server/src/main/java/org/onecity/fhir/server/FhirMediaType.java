package org.onecity.fhir.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Locale;

/**
 * A body the city record cannot read as FHIR is refused with 415 and an OperationOutcome, as HTTP says, instead of
 * HAPI's 400: a resource is sent as JSON or XML (FHIR's own media types, their plain forms, JSON Patch), a search as a
 * form. Binary content is the exception: a Binary or {@code $binary-access-write} takes any media type.
 */
class FhirMediaType extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (!hasBody(request) || contentType == null || readable(contentType) || takesAnyMediaType(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getWriter().write(OperationOutcomes.errorJson("not-supported", "A body of type " + contentType
                + " is not FHIR: send application/fhir+json or application/fhir+xml"));
    }

    private static boolean hasBody(HttpServletRequest request) {
        String method = request.getMethod();
        return ("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method))
                && (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null);
    }

    private static boolean readable(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.contains("json") || type.contains("xml") || type.startsWith("application/x-www-form-urlencoded");
    }

    private static boolean takesAnyMediaType(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/fhir/Binary") || path.contains("$binary-access-write")
                || path.contains("%24binary-access-write");
    }
}
