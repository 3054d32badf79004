package org.onecity.portal.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import org.onecity.portal.city.CityServices;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Mutual recognition while ordering: the draft order goes to the city record's CDS Hooks service (order-select), which
 * answers a card for each result of another hospital the city still recognises. The portal orders nothing itself.
 */
@Component
class Recognition {

    static final String SERVICE = "onecity-recognised-results-order-select";
    /** The tests a doctor can start an order for here: recognised laboratory tests and the chest CT. */
    static final Map<String, String> ORDERABLE = new java.util.LinkedHashMap<>();

    static {
        ORDERABLE.put("718-7", "Hemoglobin");
        ORDERABLE.put("58410-2", "Complete blood count (CBC) panel");
        ORDERABLE.put("2160-0", "Creatinine");
        ORDERABLE.put("24323-8", "Comprehensive metabolic panel");
        ORDERABLE.put("24627-2", "CT Chest");
    }

    private final CityServices services;

    Recognition(CityServices services) {
        this.services = services;
    }

    /** A card of the CDS Hooks answer: what was done where, and until when it is recognised. */
    record Card(String summary, String detail, String indicator) {
    }

    List<Card> cardsFor(String patientId, String loinc, String breakGlassReason) {
        Map<String, Object> draft = Map.of("resourceType", "ServiceRequest", "id", "draft-1", "status", "draft",
                "intent", "order", "code", Map.of("coding", List.of(Map.of("system", "http://loinc.org", "code", loinc))),
                "subject", Map.of("reference", "Patient/" + patientId));
        Map<String, Object> call = Map.of("hook", "order-select", "hookInstance", UUID.randomUUID().toString(),
                "context", Map.of("patientId", patientId, "selections", List.of("ServiceRequest/draft-1"),
                        "draftOrders", Map.of("resourceType", "Bundle", "type", "collection",
                                "entry", List.of(Map.of("resource", draft)))));
        JsonNode answer = services.cdsHook(SERVICE, call, breakGlassReason);
        List<Card> cards = new ArrayList<>();
        answer.path("cards").forEach(card -> cards.add(new Card(card.path("summary").asText(),
                card.path("detail").asText(""), card.path("indicator").asText("info"))));
        return cards;
    }
}
