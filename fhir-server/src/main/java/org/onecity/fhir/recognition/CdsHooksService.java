package org.onecity.fhir.recognition;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.client.interceptor.SimpleRequestHeaderInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.onecity.common.city.CityDirectory;
import org.onecity.common.city.Hospital;
import org.onecity.common.security.BreakGlassHeader;
import org.onecity.fhir.ingest.SourceStamp;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Mutual recognition as a CDS Hooks service (https://cds-hooks.hl7.org/2.0/): on order-select and order-sign the
 * EHR sends its draft orders; each recognised prior result becomes a card linking to it, with the suggestion to
 * drop the order. The service asks the city record through {@code $recognised-results} with the caller's own token,
 * as CDS services do, so the caller's access rules and the access log apply unchanged. Accepted suggestions,
 * reported on the feedback endpoint, are the tests the city avoided repeating.
 */
@RestController
@RequestMapping(path = "/cds-services", produces = MediaType.APPLICATION_JSON_VALUE)
class CdsHooksService {

    static final String ORDER_SELECT = "onecity-recognised-results-order-select";
    static final String ORDER_SIGN = "onecity-recognised-results-order-sign";
    private static final Map<String, String> HOOKS = Map.of(ORDER_SELECT, "order-select", ORDER_SIGN, "order-sign");
    private static final String SOURCE = "OneCity mutual recognition of results";

    private final FhirContext fhirContext;
    private final CityDirectory city;
    private final MeterRegistry meters;

    CdsHooksService(FhirContext fhirContext, CityDirectory city, MeterRegistry meters) {
        this.fhirContext = fhirContext;
        this.city = city;
        this.meters = meters;
        fhirContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    }

    @GetMapping
    Map<String, Object> discovery() {
        List<Map<String, Object>> services = new ArrayList<>();
        HOOKS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(service -> services.add(Map.of(
                "hook", service.getValue(),
                "id", service.getKey(),
                "title", "Recognised prior results (" + service.getValue() + ")",
                "description", "Warns before a test is repeated that another hospital of the city did recently and "
                        + "that the city recognises, with a link to that result")));
        return Map.of("services", services);
    }

    @PostMapping("/{service}")
    ResponseEntity<Map<String, Object>> call(@PathVariable String service, @RequestBody JsonNode call,
            HttpServletRequest http) {
        String hook = HOOKS.get(service);
        if (hook == null) {
            return problem(HttpStatus.NOT_FOUND, "No CDS service " + service);
        }
        if (!hook.equals(call.path("hook").asText())) {
            return problem(HttpStatus.BAD_REQUEST, "Service " + service + " answers the " + hook + " hook");
        }
        BreakGlassHeader.Reason breakGlass = BreakGlassHeader.read(http.getHeader(BreakGlassHeader.NAME));
        if (breakGlass instanceof BreakGlassHeader.Malformed malformed) {
            return problem(HttpStatus.BAD_REQUEST, malformed.problem());
        }
        JsonNode context = call.path("context");
        String patientId = context.path("patientId").asText("");
        if (patientId.isBlank() || !context.has("draftOrders")) {
            return problem(HttpStatus.BAD_REQUEST, "The context needs patientId and draftOrders");
        }
        Bundle drafts;
        try {
            drafts = fhirContext.newJsonParser().parseResource(Bundle.class, context.get("draftOrders").toString());
        } catch (RuntimeException e) {
            return problem(HttpStatus.BAD_REQUEST, "draftOrders is not a FHIR Bundle: " + e.getMessage());
        }
        List<ServiceRequest> orders = ordersToCheck(drafts, hook, context.path("selections"));
        if (orders.isEmpty()) {
            return ResponseEntity.ok(Map.of("cards", List.of()));
        }
        Parameters question = new Parameters();
        orders.forEach(order -> question.addParameter().setName("order").setResource(order));
        Bundle answer;
        try {
            answer = cityRecord(http, call, breakGlass).operation().onInstance("Patient/" + patientId)
                    .named(RecognitionOperation.NAME).withParameters(question).returnResourceType(Bundle.class).execute();
        } catch (BaseServerResponseException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND.value()) {
                // a patient the doctor may not see and one that does not exist offer the same: nothing
                return ResponseEntity.ok(Map.of("cards", List.of()));
            }
            return problem(HttpStatus.valueOf(e.getStatusCode()), e.getMessage());
        }
        List<Map<String, Object>> cards = cards(answer, orders, fhirServer(call));
        meters.counter("onecity.recognition.cards", "hook", hook).increment(cards.size());
        return ResponseEntity.ok(Map.of("cards", cards));
    }

    /** Accepted suggestions are tests not repeated; the EHR reports them here (CDS Hooks feedback). */
    @PostMapping("/{service}/feedback")
    ResponseEntity<Map<String, Object>> feedback(@PathVariable String service, @RequestBody JsonNode feedback) {
        String hook = HOOKS.get(service);
        if (hook == null) {
            return problem(HttpStatus.NOT_FOUND, "No CDS service " + service);
        }
        int accepted = 0;
        for (JsonNode item : feedback.path("feedback")) {
            if ("accepted".equals(item.path("outcome").asText())) {
                accepted++;
            }
        }
        meters.counter("onecity.recognition.tests.avoided", "hook", hook).increment(accepted);
        return ResponseEntity.ok(Map.of());
    }

    private static List<ServiceRequest> ordersToCheck(Bundle drafts, String hook, JsonNode selections) {
        Set<String> selected = new HashSet<>();
        selections.forEach(s -> selected.add(s.asText()));
        return drafts.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof ServiceRequest).map(r -> (ServiceRequest) r)
                .filter(order -> "order-sign".equals(hook)
                        || selected.contains("ServiceRequest/" + order.getIdElement().getIdPart()))
                .toList();
    }

    private List<Map<String, Object>> cards(Bundle answer, List<ServiceRequest> orders, String fhirServer) {
        List<Map<String, Object>> cards = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : answer.getEntry()) {
            if (entry.getSearch().getMode() != Bundle.SearchEntryMode.MATCH) {
                continue;
            }
            Resource result = entry.getResource();
            Coding test = (Coding) extension(entry, RecognitionOperation.RECOGNISED_FOR).getValue();
            String until = extension(entry, RecognitionOperation.RECOGNISED_UNTIL).getValue().primitiveValue();
            String hospital = SourceStamp.sourceHospital(result).flatMap(city::hospital).map(Hospital::name).orElse("another hospital");
            String performed = RecognitionOperation.performed(result).map(i -> i.toString().substring(0, 10)).orElse("?");
            String testName = test.hasDisplay() ? test.getDisplay() : test.getCode();
            String resultUrl = fhirServer + "/" + result.getIdElement().toUnqualifiedVersionless().getValue();
            List<String> orderIds = orders.stream().filter(o -> o.getCode().hasCoding(test.getSystem(), test.getCode()))
                    .map(o -> "ServiceRequest/" + o.getIdElement().getIdPart()).toList();
            Map<String, Object> card = new LinkedHashMap<>();
            card.put("uuid", UUID.randomUUID().toString());
            card.put("summary", truncate(testName + " was done at " + hospital + " on " + performed
                    + "; recognised until " + until));
            card.put("detail", "The city recognises this " + result.fhirType() + " from " + hospital + " until "
                    + until + value(result) + ". Consider using it instead of repeating the test.");
            card.put("indicator", "warning");
            card.put("source", Map.of("label", SOURCE));
            card.put("links", List.of(Map.of("label", "Open the " + hospital + " result", "url", resultUrl,
                    "type", "absolute")));
            card.put("selectionBehavior", "at-most-one");
            card.put("suggestions", List.of(Map.of(
                    "uuid", UUID.randomUUID().toString(),
                    "label", "Use the recognised result and remove the order",
                    "isRecommended", true,
                    "actions", List.of(Map.of("type", "delete",
                            "description", "Remove the draft order for " + testName,
                            "resourceId", orderIds)))));
            cards.add(card);
        }
        return cards;
    }

    private static Extension extension(Bundle.BundleEntryComponent entry, String url) {
        return entry.getSearch().getExtensionByUrl(url);
    }

    private static String value(Resource result) {
        if (result instanceof Observation observation && observation.hasValueQuantity()) {
            return " (" + observation.getValueQuantity().getValue().toPlainString() + " "
                    + observation.getValueQuantity().getUnit() + ")";
        }
        return "";
    }

    private static String truncate(String summary) {
        return summary.length() <= 140 ? summary : summary.substring(0, 139) + "…";
    }

    /** The city record this hub serves, on the local connector; the call's own fhirServer is never dialled. */
    private IGenericClient cityRecord(HttpServletRequest http, JsonNode call, BreakGlassHeader.Reason breakGlass) {
        IGenericClient client = fhirContext.newRestfulGenericClient("http://127.0.0.1:" + http.getLocalPort() + "/fhir");
        String token = call.path("fhirAuthorization").path("access_token").asText("");
        if (token.isBlank()) {
            String header = http.getHeader(HttpHeaders.AUTHORIZATION);
            token = header == null ? "" : header.replaceFirst("(?i)^Bearer\\s+", "");
        }
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        if (breakGlass instanceof BreakGlassHeader.Stated stated) {
            // the doctor's stated reason goes with the question, to be judged and recorded by the city record
            client.registerInterceptor(new SimpleRequestHeaderInterceptor(BreakGlassHeader.NAME,
                    BreakGlassHeader.write(stated.text())));
        }
        return client;
    }

    /** Where links point: the EHR's view of the city record, else this hub's public address. */
    private static String fhirServer(JsonNode call) {
        String given = call.path("fhirServer").asText("");
        return given.isBlank() ? ServletUriComponentsBuilder.fromCurrentContextPath().path("/fhir").toUriString()
                : given.replaceAll("/+$", "");
    }

    private static ResponseEntity<Map<String, Object>> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(Map.of("error", status.getReasonPhrase(), "detail", detail));
    }
}
