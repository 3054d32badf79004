package org.onecity.portal.city;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.onecity.portal.signin.PersonTokens;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The city's services, called with the signed-in person's own access token, so that each service's rules and access
 * log apply as if the person had called it. The token stays here: it never reaches the browser.
 */
@Component
public class CityServices {

    public static final String BREAK_GLASS_HEADER = "X-Break-Glass-Reason";
    /** RFC 8187 attr-chars besides letters and digits: sent as they are inside an encoded reason. */
    private static final String ATTR_CHAR_PUNCTUATION = "!#$&+-.^_`|~";

    /** How much of a refusal's body is read for its reason. */
    private static final int ERROR_BYTES = 64 * 1024;

    private final PortalProperties properties;
    private final PersonTokens tokens;
    private final ObjectMapper json;
    private final RestClient http;
    /** Later pages of one search read side by side; a few threads, as the services share the machine. */
    private final ExecutorService pages = Executors.newFixedThreadPool(4, work -> {
        Thread thread = new Thread(work, "fhir-pages");
        thread.setDaemon(true);
        return thread;
    });

    CityServices(PortalProperties properties, PersonTokens tokens, ObjectMapper json) {
        this.properties = properties;
        this.tokens = tokens;
        this.json = json;
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(Duration.ofSeconds(5));
        factory.setReadTimeout(Duration.ofSeconds(30));
        this.http = RestClient.builder().requestFactory(factory).build();
    }

    /** A FHIR read or search of the city record; {@code pathAndQuery} is relative to the FHIR base or a page link. */
    public JsonNode fhir(String pathAndQuery, String breakGlassReason) {
        return get(fhirUrl(properties.fhirUrl(), pathAndQuery), "application/fhir+json", breakGlassReason);
    }

    /**
     * FHIR pages read side by side, answered in the order asked. The person's token is taken once, here on their
     * request's thread, and goes only where {@link #fhirUrl} sends it.
     */
    public List<JsonNode> fhirPages(List<String> links, String breakGlassReason) {
        String token = tokens.accessToken();
        List<CompletableFuture<JsonNode>> reads = links.stream().map(link -> CompletableFuture.supplyAsync(() ->
                get(fhirUrl(properties.fhirUrl(), link), "application/fhir+json", breakGlassReason, token), pages)).toList();
        try {
            return reads.stream().map(CompletableFuture::join).toList();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        pages.shutdownNow();
    }

    /**
     * Where a FHIR request goes. A bundle's {@code next} link is followed only when it is under the configured base;
     * any other link gives only its query, put on the base: the person's token never goes to another host.
     */
    static String fhirUrl(String base, String pathOrLink) {
        String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        if (!pathOrLink.startsWith("http:") && !pathOrLink.startsWith("https:")) {
            return root + pathOrLink;
        }
        if (pathOrLink.equals(root) || pathOrLink.startsWith(root + "/") || pathOrLink.startsWith(root + "?")) {
            return pathOrLink;
        }
        String query = URI.create(pathOrLink).getRawQuery();
        return root + (query == null ? "" : "?" + query);
    }

    public JsonNode fhirWrite(String method, String path, Object resource) {
        return send(method, properties.fhirUrl() + path, "application/fhir+json", resource, Map.of());
    }

    public JsonNode billing(String path) {
        return get(properties.billingUrl() + path, MediaType.APPLICATION_JSON_VALUE, null);
    }

    public JsonNode billingPost(String path, Object body, Map<String, String> headers) {
        return send("POST", properties.billingUrl() + path, MediaType.APPLICATION_JSON_VALUE, body, headers);
    }

    public JsonNode batch(String path) {
        return get(properties.batchUrl() + path, MediaType.APPLICATION_JSON_VALUE, null);
    }

    /**
     * A file of the batch (a settlement file, a report) copied to {@code out} as it arrives, never held whole: a
     * day's detail file of a large insurer is tens of megabytes.
     */
    public void batchFile(String path, OutputStream out) {
        http.get().uri(URI.create(properties.batchUrl() + path)).headers(h -> headers(h, MediaType.ALL_VALUE, null))
                .exchange((request, response) -> {
                    if (response.getStatusCode().isError()) {
                        throw refused(response.getStatusCode(), new String(response.getBody().readNBytes(ERROR_BYTES),
                                StandardCharsets.UTF_8));
                    }
                    return response.getBody().transferTo(out);
                });
    }

    /** Sends files to the batch as one multipart form: part name to (file name, bytes). */
    public JsonNode batchFiles(String path, Map<String, Map.Entry<String, byte[]>> files) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        files.forEach((part, file) -> form.add(part, new ByteArrayResource(file.getValue()) {
            @Override
            public String getFilename() {
                return file.getKey();
            }
        }));
        return http.post().uri(URI.create(properties.batchUrl() + path))
                .headers(h -> headers(h, MediaType.APPLICATION_JSON_VALUE, null))
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form)
                .exchange((request, response) -> read(response.getStatusCode(), response.getBody().readAllBytes()));
    }

    /** One of the imaging service's own endpoints beside DICOMweb (e.g. {@code /mirror/outbox}). */
    public JsonNode imagingService(String path) {
        return get(properties.imagingServiceUrl() + path, MediaType.APPLICATION_JSON_VALUE, null);
    }

    public JsonNode imaging(String path, String breakGlassReason) {
        return get(properties.imagingUrl() + path, "application/dicom+json", breakGlassReason);
    }

    /** A rendered frame from the imaging service's WADO-RS, as PNG bytes. */
    public byte[] imagingPng(String path, String breakGlassReason) {
        return http.get().uri(URI.create(properties.imagingUrl() + path))
                .headers(h -> headers(h, "image/png", breakGlassReason))
                .exchange((request, response) -> {
                    if (response.getStatusCode().isError()) {
                        throw refused(response.getStatusCode(), new String(response.getBody().readAllBytes(),
                                StandardCharsets.UTF_8));
                    }
                    return response.getBody().readAllBytes();
                });
    }

    /** A CDS Hooks call; the service asks the city record with the bearer token (and break-glass reason) sent here. */
    public JsonNode cdsHook(String service, Object request, String breakGlassReason) {
        Map<String, String> extra = breakGlassReason == null ? Map.of()
                : Map.of(BREAK_GLASS_HEADER, headerSafe(breakGlassReason));
        return send("POST", properties.cdsServicesUrl() + "/" + service, MediaType.APPLICATION_JSON_VALUE, request, extra);
    }

    private JsonNode get(String url, String accept, String breakGlassReason) {
        return get(url, accept, breakGlassReason, tokens.accessToken());
    }

    private JsonNode get(String url, String accept, String breakGlassReason, String token) {
        return http.get().uri(URI.create(url)).headers(h -> headers(h, accept, breakGlassReason, token))
                .exchange((request, response) -> read(response.getStatusCode(), response.getBody().readAllBytes()));
    }

    private JsonNode send(String method, String url, String contentType, Object body, Map<String, String> extra) {
        return http.method(org.springframework.http.HttpMethod.valueOf(method)).uri(URI.create(url))
                .headers(h -> {
                    headers(h, contentType, null);
                    h.setContentType(MediaType.parseMediaType(contentType));
                    extra.forEach(h::set);
                })
                .body(body)
                .exchange((request, response) -> read(response.getStatusCode(), response.getBody().readAllBytes()));
    }

    private void headers(HttpHeaders headers, String accept, String breakGlassReason) {
        headers(headers, accept, breakGlassReason, tokens.accessToken());
    }

    private void headers(HttpHeaders headers, String accept, String breakGlassReason, String token) {
        headers.setBearerAuth(token);
        headers.set(HttpHeaders.ACCEPT, accept);
        if (breakGlassReason != null && !breakGlassReason.isBlank()) {
            headers.set(BREAK_GLASS_HEADER, headerSafe(breakGlassReason));
        }
    }

    /**
     * The reason as the services read it (org.onecity.common.security.BreakGlassHeader): plain printable ASCII as it
     * is, anything else as an RFC 8187 ext-value, {@code UTF-8''} and the UTF-8 bytes percent-encoded except the RFC's
     * attr-chars. The portal takes only one-line reasons; a control character here is a bug, not a request to send.
     */
    static String headerSafe(String reason) {
        if (reason.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("A break-glass reason that cannot go in a header");
        }
        boolean plain = reason.chars().allMatch(c -> c >= 0x20 && c < 0x7F) && reason.equals(reason.strip())
                && !reason.regionMatches(true, 0, "UTF-8'", 0, 6);
        if (plain) {
            return reason;
        }
        StringBuilder encoded = new StringBuilder("UTF-8''");
        for (byte b : reason.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || ATTR_CHAR_PUNCTUATION.indexOf(c) >= 0)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return encoded.toString();
    }

    private JsonNode read(HttpStatusCode status, byte[] body) throws IOException {
        String text = new String(body, StandardCharsets.UTF_8);
        if (status.isError()) {
            throw refused(status, text);
        }
        return text.isBlank() ? json.createObjectNode() : json.readTree(text);
    }

    /** The service's own reason: a problem's detail, an OperationOutcome's diagnostics, else the status. */
    private ServiceRefused refused(HttpStatusCode status, String body) {
        String reason = "HTTP " + status.value();
        try {
            JsonNode problem = json.readTree(body);
            if (problem.hasNonNull("detail")) {
                reason = problem.get("detail").asText();
            } else if (problem.path("issue").path(0).hasNonNull("diagnostics")) {
                reason = problem.path("issue").path(0).get("diagnostics").asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // keep the status as the reason
        }
        return new ServiceRefused(status.value(), reason);
    }
}
