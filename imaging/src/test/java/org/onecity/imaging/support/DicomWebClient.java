package org.onecity.imaging.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A DICOMweb client as viewers and gateways are: STOW-RS multipart/related uploads streamed from files, QIDO-RS
 * searches, WADO-RS retrievals with the multipart answer taken apart. Every call carries the caller's token.
 */
@TestComponent
public class DicomWebClient {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Environment environment;

    public DicomWebClient(Environment environment) {
        this.environment = environment;
    }

    public record Answer(int status, byte[] body, String contentType) {
        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(new String(body, StandardCharsets.UTF_8), e);
            }
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The parts of a multipart/related answer. */
        public List<byte[]> parts() {
            return Multipart.parts(body, contentType);
        }
    }

    public String base() {
        return "http://127.0.0.1:" + environment.getProperty("local.server.port") + "/dicomweb";
    }

    /** STOW-RS of the files, streamed from disk. */
    public Answer store(String token, List<Path> files) {
        return store(token, files, "/studies");
    }

    public Answer store(String token, List<Path> files, String path) {
        String boundary = "stow-" + UUID.randomUUID();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", StowBody.contentType(boundary))
                .header("Accept", "application/dicom+json")
                .POST(StowBody.of(files, boundary));
        return send(request, token);
    }

    public Answer post(String token, String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), token);
    }

    public Answer get(String token, String path, String accept) {
        return get(token, path, accept, Map.of());
    }

    /** A retrieve with extra headers, such as a doctor's break-glass reason. */
    public Answer get(String token, String path, String accept, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        headers.forEach(request::header);
        return send(request, token);
    }

    /** A GET of another of the service's endpoints than DICOMweb, by its path from the root. */
    public Answer getJson(String token, String rootPath) {
        return send(HttpRequest.newBuilder(URI.create(root() + rootPath)).header("Accept", "application/json").GET(),
                token);
    }

    /** A PUT of JSON to another of the service's endpoints than DICOMweb, by its path from the root. */
    public Answer putJson(String token, String rootPath, String json) {
        return send(HttpRequest.newBuilder(URI.create(root() + rootPath)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    private String root() {
        return "http://127.0.0.1:" + environment.getProperty("local.server.port");
    }

    public Answer delete(String token, String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).DELETE(), token);
    }

    public JsonNode search(String token, String path) {
        Answer answer = get(token, path, "application/dicom+json");
        if (answer.status() != 200) {
            throw new IllegalStateException("QIDO " + path + " answered " + answer.status() + ": " + answer.text());
        }
        return answer.json();
    }

    private Answer send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Splits a multipart/related body by its boundary. */
    static final class Multipart {
        static List<byte[]> parts(byte[] body, String contentType) {
            String boundary = null;
            for (String parameter : contentType.split(";")) {
                String[] nameValue = parameter.trim().split("=", 2);
                if (nameValue[0].equalsIgnoreCase("boundary")) {
                    boundary = nameValue[1].replace("\"", "");
                }
            }
            if (boundary == null) {
                throw new IllegalStateException("Not multipart: " + contentType);
            }
            byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
            List<byte[]> parts = new ArrayList<>();
            int at = indexOf(body, delimiter, 0);
            while (at >= 0) {
                int start = at + delimiter.length;
                if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                    break;
                }
                int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), start) + 4;
                int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII), headersEnd);
                ByteArrayOutputStream part = new ByteArrayOutputStream();
                part.write(body, headersEnd, next - headersEnd);
                parts.add(part.toByteArray());
                at = next + 2;
            }
            return parts;
        }

        private static int indexOf(byte[] data, byte[] pattern, int from) {
            outer:
            for (int i = from; i <= data.length - pattern.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (data[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
