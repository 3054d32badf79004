package org.onecity.fhir.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses FHIR requests larger than the configured limit with 413 and an OperationOutcome, before HAPI
 * reads them: by Content-Length when it is given, otherwise when the stream passes the limit. A gzip body is
 * unpacked here and the limit counts what it unpacks to: HAPI would unpack it whole into memory, so a 60 KB
 * zip bomb would otherwise fill the heap. Other content encodings are refused with 415.
 */
public class RequestSizeLimit extends OncePerRequestFilter {

    private final long limit;

    public RequestSizeLimit(long limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setContentType("application/fhir+json;charset=UTF-8");
            response.getWriter().write(OperationOutcomes.errorJson("too-long", tooLarge()));
            return;
        }
        String encoding = request.getHeader("Content-Encoding");
        boolean gzip = encoding != null && (encoding.equalsIgnoreCase("gzip") || encoding.equalsIgnoreCase("x-gzip"));
        if (encoding != null && !gzip && !encoding.equalsIgnoreCase("identity")) {
            response.setStatus(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
            response.setContentType("application/fhir+json;charset=UTF-8");
            response.getWriter().write(OperationOutcomes.errorJson("not-supported", "A request body is sent as it is "
                    + "or as gzip; Content-Encoding " + encoding + " is not supported"));
            return;
        }
        chain.doFilter(gzip ? new UnpackedRequest(request, limit) : new LimitedRequest(request, limit), response);
    }

    private String tooLarge() {
        return "The request is larger than the limit of " + limit + " bytes";
    }

    private class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        ServletInputStream body() throws IOException {
            return super.getInputStream();
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(body(), limit, BodyCheck.forContentType(getContentType()));
            }
            return stream;
        }
    }

    /** A gzip body, unpacked as it is read and counted unpacked; to HAPI it is a plain body of unknown length. */
    private final class UnpackedRequest extends LimitedRequest {

        UnpackedRequest(HttpServletRequest request, long limit) {
            super(request, limit);
        }

        @Override
        ServletInputStream body() throws IOException {
            return new UnpackedStream(super.body());
        }

        @Override
        public String getHeader(String name) {
            return "Content-Encoding".equalsIgnoreCase(name) || "Content-Length".equalsIgnoreCase(name) ? null
                    : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return "Content-Encoding".equalsIgnoreCase(name) || "Content-Length".equalsIgnoreCase(name)
                    ? java.util.Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public int getContentLength() {
            return -1;
        }

        @Override
        public long getContentLengthLong() {
            return -1;
        }
    }

    private static final class UnpackedStream extends ServletInputStream {

        private final ServletInputStream packed;
        private java.util.zip.GZIPInputStream unpacked;

        UnpackedStream(ServletInputStream packed) {
            this.packed = packed;
        }

        private java.util.zip.GZIPInputStream unpacked() throws IOException {
            if (unpacked == null) {
                try {
                    unpacked = new java.util.zip.GZIPInputStream(packed, 8192);
                } catch (java.util.zip.ZipException | java.io.EOFException notGzip) {
                    throw new ca.uhn.fhir.rest.server.exceptions.InvalidRequestException(
                            "The body says Content-Encoding gzip but is not gzip: " + notGzip.getMessage());
                }
            }
            return unpacked;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return unpacked().read(buffer, offset, length);
            } catch (java.util.zip.ZipException | java.io.EOFException broken) {
                throw new ca.uhn.fhir.rest.server.exceptions.InvalidRequestException(
                        "The gzip body is broken: " + broken.getMessage());
            }
        }

        @Override
        public boolean isFinished() {
            return packed.isFinished();
        }

        @Override
        public boolean isReady() {
            return packed.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            packed.setReadListener(listener);
        }
    }

    private final class LimitedStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private final BodyCheck check;
        private long read;
        private boolean ended;

        LimitedStream(ServletInputStream delegate, long limit, BodyCheck check) {
            this.delegate = delegate;
            this.limit = limit;
            this.check = check;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
                if (check != null) {
                    check.feed(buffer, offset, n);
                }
            } else if (n < 0 && check != null && !ended) {
                ended = true;
                check.end();
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException(tooLarge());
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
