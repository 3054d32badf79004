package org.onecity.fhir.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * A refusal that the security filters answer before the FHIR server sees the request (no token, an expired or
 * foreign one: 401; metrics without the bureau's token: 403) carries an OperationOutcome like every other refusal,
 * not an empty body. The {@code WWW-Authenticate} header Spring Security sets is kept.
 */
class RefusalBodies extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        BodyWatch watched = new BodyWatch(response);
        chain.doFilter(request, watched);
        int status = response.getStatus();
        if ((status == 401 || status == 403) && !watched.bodyStarted && !response.isCommitted()) {
            response.setContentType("application/fhir+json;charset=UTF-8");
            response.getWriter().write(OperationOutcomes.errorJson(status == 401 ? "login" : "forbidden", status == 401
                    ? "A bearer token from the city's issuer, for the audience of the city record, is required"
                    : "Reserved to the bureau's operators"));
        }
    }

    /** Notes whether anything started writing a body. */
    private static final class BodyWatch extends HttpServletResponseWrapper {

        private boolean bodyStarted;

        BodyWatch(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            bodyStarted = true;
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            bodyStarted = true;
            return super.getWriter();
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            bodyStarted = true;
            super.sendError(status, message);
        }

        @Override
        public void sendError(int status) throws IOException {
            bodyStarted = true;
            super.sendError(status);
        }
    }
}
