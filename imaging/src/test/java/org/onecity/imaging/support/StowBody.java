package org.onecity.imaging.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A STOW-RS request body of DICOM files, streamed from disk, with its length known beforehand. */
public final class StowBody {

    private StowBody() {
    }

    public static String contentType(String boundary) {
        return "multipart/related; type=\"application/dicom\"; boundary=" + boundary;
    }

    /** The body as a publisher of known length (some servers take no chunked bodies). */
    public static HttpRequest.BodyPublisher of(List<Path> files, String boundary) {
        return HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> stream(files, boundary)), length(files, boundary));
    }

    private static InputStream stream(List<Path> files, String boundary) {
        List<InputStream> pieces = new ArrayList<>();
        for (Path file : files) {
            pieces.add(text(partHeader(boundary)));
            try {
                pieces.add(Files.newInputStream(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            pieces.add(text("\r\n"));
        }
        pieces.add(text(end(boundary)));
        return new SequenceInputStream(Collections.enumeration(pieces));
    }

    private static long length(List<Path> files, String boundary) {
        long length = end(boundary).length();
        for (Path file : files) {
            try {
                length += partHeader(boundary).length() + Files.size(file) + 2;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return length;
    }

    private static String partHeader(String boundary) {
        return "--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n";
    }

    private static String end(String boundary) {
        return "--" + boundary + "--\r\n";
    }

    private static InputStream text(String value) {
        return new ByteArrayInputStream(value.getBytes(StandardCharsets.US_ASCII));
    }
}
