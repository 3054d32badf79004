package org.onecity.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;
import org.onecity.common.memory.HeapBudget;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * What the city record takes in at once, so that a hospital's nightly catch-up of several 20 MB transactions never
 * exhausts the heap (see docs/deploy.md, "Memory budgets"). A request body takes room in the bodies budget by its
 * declared length (the most a body may be when none is declared) before it is read, and keeps it until the answer is
 * sent. A transaction or batch, once parsed and before anything of it is processed, takes room in the entries budget
 * by its weight: its number of entries, or one entry for every 2 KB of its body if that is more (HAPI holds about
 * 50 KB of heap per entry of a Synthea-like history until it commits, so a 20 MB, 10,000-entry push holds about
 * 500 MB). What finds no room within the wait is refused with 503 and {@code Retry-After}, which hospital systems
 * send again; a transaction heavier than the whole budget is refused with 413, to be sent in parts.
 */
public class Admission extends OncePerRequestFilter implements RestInterceptor {

    private static final String ENTRIES = Admission.class.getName() + ".entries";
    private static final int RETRY_AFTER_SECONDS = 5;
    /** A body this large weighs at least one entry: the heap a history holds follows its bytes as much as its entries. */
    static final int BYTES_PER_ENTRY = 2048;

    private final HeapBudget bodies;
    private final HeapBudget entries;
    private final long maxBody;
    private final int maxEntries;

    public Admission(long bodiesInFlight, long maxBody, int entriesInFlight, int maxEntries, java.time.Duration wait) {
        this.bodies = new HeapBudget(bodiesInFlight, 1024, wait);
        this.entries = new HeapBudget(entriesInFlight, 1, wait);
        this.maxBody = maxBody;
        this.maxEntries = maxEntries;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        long declared = request.getContentLengthLong();
        Optional<HeapBudget.Lease> lease = bodies.take(declared >= 0 ? declared : maxBody);
        if (lease.isEmpty()) {
            busy(response, "bodies");
            return;
        }
        try (HeapBudget.Lease held = lease.get()) {
            chain.doFilter(request, response);
        }
    }

    /** A parsed transaction or batch takes room by its weight before anything of it is processed. */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = -200)
    public void admitEntries(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation != RestOperationTypeEnum.TRANSACTION || !(request.getResource() instanceof IBaseBundle)) {
            return;
        }
        int count = ((Bundle) request.getResource()).getEntry().size();
        byte[] body = request.loadRequestContents();
        long weight = Math.max(count, body == null ? 0 : body.length / BYTES_PER_ENTRY);
        if (weight > maxEntries) {
            throw new PayloadTooLargeException("A transaction or batch is processed within " + maxEntries + " entries, "
                    + "every " + BYTES_PER_ENTRY / 1024 + " KB of its body counting as at least one; this one has " + count
                    + " entries in " + (body == null ? 0 : body.length / 1024) + " KB and counts " + weight + ". Send it "
                    + "in parts: each is idempotent, so a repeated part creates nothing.");
        }
        HeapBudget.Lease lease = entries.take(weight).orElseThrow(() -> new Busy("The city record is processing many "
                + "entries at once; nothing of this request was stored. Send it again after " + RETRY_AFTER_SECONDS
                + " seconds."));
        request.getUserData().put(ENTRIES, lease);
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
    public void releaseEntries(RequestDetails request) {
        if (request.getUserData().remove(ENTRIES) instanceof HeapBudget.Lease lease) {
            lease.close();
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        String method = request.getMethod();
        // an unknown length (chunked, or a gzip body counted unpacked) takes room for the largest body there may be
        return ("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method))
                && request.getContentLengthLong() != 0;
    }

    private static void busy(HttpServletResponse response, String what) throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getWriter().write(OperationOutcomes.errorJson("transient", "The city record is taking in as many request "
                + what + " as its memory allows; nothing of this request was read. Send it again after "
                + RETRY_AFTER_SECONDS + " seconds."));
    }

    /** No room now: 503 with Retry-After, nothing stored. */
    static final class Busy extends BaseServerResponseException {
        Busy(String message) {
            super(503, message);
            addResponseHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        }

        /** Expected under load and logged by HAPI each time: without a stack trace, it is one line. */
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
