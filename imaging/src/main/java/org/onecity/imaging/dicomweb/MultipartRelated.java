package org.onecity.imaging.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a multipart/related body (RFC 2387) part by part as it arrives: each part's bytes go straight to the
 * caller's output stream, so a part of any size passes through a small buffer only.
 */
final class MultipartRelated {

    /** A part's headers, lower-cased names. */
    interface PartSink {
        OutputStream open(Map<String, String> headers) throws IOException;

        void close(OutputStream out, boolean complete) throws IOException;
    }

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER = 16 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final int[] shift;
    private final byte[] buffer = new byte[BUFFER];
    private int start;
    private int end;
    private boolean eof;

    MultipartRelated(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.shift = shifts(delimiter);
    }

    /** The boundary parameter of a multipart/related content type; null when there is none. */
    static String boundary(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] nameValue = parameter.trim().split("=", 2);
            if (nameValue.length == 2 && nameValue[0].trim().equalsIgnoreCase("boundary")) {
                return nameValue[1].trim().replaceAll("^\"|\"$", "");
            }
        }
        return null;
    }

    /** Reads every part into the sink; returns the number of parts. */
    int readAll(PartSink sink) throws IOException {
        // the first boundary may come without the CRLF before it
        if (!skipPreamble()) {
            throw new MalformedMultipart("no boundary " + new String(delimiter, 4, delimiter.length - 4,
                    StandardCharsets.ISO_8859_1) + " in the body");
        }
        int parts = 0;
        while (true) {
            // after a delimiter: "--" ends the body, else CRLF and a part follows
            ensure(2);
            if (end - start >= 2 && buffer[start] == '-' && buffer[start + 1] == '-') {
                return parts;
            }
            line(); // the rest of the delimiter line
            Map<String, String> headers = headers();
            OutputStream out = sink.open(headers);
            boolean complete = false;
            try {
                complete = copyPart(out);
            } finally {
                sink.close(out, complete);
            }
            if (!complete) {
                throw new MalformedMultipart("the body ends inside part " + (parts + 1));
            }
            parts++;
        }
    }

    private boolean skipPreamble() throws IOException {
        byte[] first = Arrays.copyOfRange(delimiter, 2, delimiter.length);
        if (startsWith(first)) {
            start += first.length;
            return true;
        }
        return copyPart(OutputStream.nullOutputStream());
    }

    /** Copies bytes up to the next delimiter; true when the delimiter was found (and consumed). */
    private boolean copyPart(OutputStream out) throws IOException {
        while (true) {
            int found = indexOf();
            if (found >= 0) {
                out.write(buffer, start, found - start);
                start = found + delimiter.length;
                return true;
            }
            int keep = delimiter.length - 1;
            int writable = end - start - keep;
            if (writable > 0) {
                out.write(buffer, start, writable);
                start += writable;
            }
            if (eof) {
                return false;
            }
            readMore();
        }
    }

    private Map<String, String> headers() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int total = 0;
        while (true) {
            String line = line();
            total += line.length();
            if (total > MAX_HEADER) {
                throw new MalformedMultipart("part headers too long");
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            ensure(1);
            if (start >= end) {
                throw new MalformedMultipart("the body ends inside part headers");
            }
            byte b = buffer[start++];
            if (b == '\n') {
                int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
            line.append((char) (b & 0xFF));
            if (line.length() > MAX_HEADER) {
                throw new MalformedMultipart("part header line too long");
            }
        }
    }

    /**
     * Where the delimiter starts in the unread bytes, or -1. Boyer-Moore-Horspool: the byte under the delimiter's last
     * position tells how far it can move, so pixel data is mostly stepped over a delimiter's length at a time.
     */
    private int indexOf() {
        int last = delimiter.length - 1;
        for (int i = start; i <= end - delimiter.length; i += shift[buffer[i + last] & 0xFF]) {
            int j = last;
            while (j >= 0 && buffer[i + j] == delimiter[j]) {
                j--;
            }
            if (j < 0) {
                return i;
            }
        }
        return -1;
    }

    private static int[] shifts(byte[] delimiter) {
        int[] shift = new int[256];
        Arrays.fill(shift, delimiter.length);
        for (int i = 0; i < delimiter.length - 1; i++) {
            shift[delimiter[i] & 0xFF] = delimiter.length - 1 - i;
        }
        return shift;
    }

    private boolean startsWith(byte[] prefix) throws IOException {
        ensure(prefix.length);
        if (end - start < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buffer[start + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private void ensure(int bytes) throws IOException {
        while (end - start < bytes && !eof) {
            readMore();
        }
    }

    /** Moves what is unread to the front of the buffer and reads behind it. */
    private void readMore() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        int read = in.read(buffer, end, buffer.length - end);
        if (read < 0) {
            eof = true;
        } else {
            end += read;
        }
    }

    static final class MalformedMultipart extends IOException {
        MalformedMultipart(String message) {
            super("Malformed multipart/related body: " + message);
        }
    }
}
