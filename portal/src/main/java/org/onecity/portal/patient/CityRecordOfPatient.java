package org.onecity.portal.patient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onecity.portal.city.CityServices;
import org.onecity.portal.city.FhirJson;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The patient's access log and sharing choice in the city record, read and written with the patient's token. */
@Component
class CityRecordOfPatient {

    static final String CONSENT_KIND = "https://fhir.onecity.example/CodeSystem/consent-kind";
    static final String NO_SHARING = "no-cross-hospital-sharing";

    private final CityServices services;

    CityRecordOfPatient(CityServices services) {
        this.services = services;
    }

    List<AccessLogEntry> accessLog(int count) {
        List<AccessLogEntry> entries = new ArrayList<>();
        for (JsonNode event : FhirJson.resources(services.fhir("/AuditEvent?_count=" + count, null))) {
            JsonNode agent = event.path("agent").path(0);
            String organisation = null;
            for (JsonNode other : event.path("agent")) {
                if (!other.path("requestor").asBoolean(true)) {
                    organisation = other.path("who").path("identifier").path("value").asText(null);
                }
            }
            JsonNode purpose = event.path("purposeOfEvent").path(0);
            boolean brokeGlass = "BTG".equals(purpose.path("coding").path(0).path("code").asText());
            String reason = brokeGlass ? purpose.path("text").asText("").replaceFirst("^Break-glass: ", "") : null;
            String what = null;
            for (JsonNode entity : event.path("entity")) {
                if (entity.hasNonNull("description")) {
                    what = entity.get("description").asText();
                }
            }
            entries.add(new AccessLogEntry(FhirJson.instant(event.path("recorded")),
                    agent.path("who").path("display").asText(agent.path("who").path("identifier").path("value").asText("")),
                    agent.path("role").path(0).path("coding").path(0).path("code").asText(""), organisation,
                    event.path("source").path("observer").path("display").asText(""), what,
                    event.path("outcome").asText(""), brokeGlass ? reason : null));
        }
        return entries;
    }

    /** Whether the person has opted out of sharing their records across hospitals. */
    boolean optedOut() {
        return activeOptOuts().size() > 0;
    }

    /** Opts out: an inactive opt-out of the person's becomes active again, else a new one is recorded. */
    void optOut() {
        List<JsonNode> inactive = optOuts().stream().filter(c -> !"active".equals(c.path("status").asText())).toList();
        if (!inactive.isEmpty()) {
            setStatus(inactive.get(0), "active");
            return;
        }
        JsonNode myRecord = FhirJson.resources(services.fhir("/Patient?_count=1", null)).stream()
                .filter(p -> "Patient".equals(p.path("resourceType").asText())).findFirst()
                .orElseThrow(() -> new org.onecity.portal.city.ServiceRefused(404, "The city record holds no record of yours"));
        ObjectNode consent = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        consent.put("resourceType", "Consent");
        consent.put("status", "active");
        consent.putObject("scope").putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/consentscope").put("code", "patient-privacy");
        consent.putArray("category").addObject().putArray("coding").addObject()
                .put("system", CONSENT_KIND).put("code", NO_SHARING);
        consent.putObject("patient").put("reference", "Patient/" + myRecord.path("id").asText());
        consent.put("dateTime", OffsetDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        consent.putObject("policyRule").put("text", "OneCity sharing of records across hospitals");
        consent.putObject("provision").put("type", "deny");
        services.fhirWrite("POST", "/Consent", consent);
    }

    /** Shares again: every active opt-out of the person's becomes inactive. */
    void optIn() {
        activeOptOuts().forEach(consent -> setStatus(consent, "inactive"));
    }

    private List<JsonNode> activeOptOuts() {
        return optOuts().stream().filter(c -> "active".equals(c.path("status").asText())).toList();
    }

    private List<JsonNode> optOuts() {
        return FhirJson.resources(services.fhir("/Consent?category=" + java.net.URLEncoder.encode(CONSENT_KIND + "|" + NO_SHARING,
                java.nio.charset.StandardCharsets.UTF_8) + "&_count=50", null))
                .stream().filter(c -> "Consent".equals(c.path("resourceType").asText())).toList();
    }

    private void setStatus(JsonNode consent, String status) {
        ObjectNode changed = consent.deepCopy();
        changed.put("status", status);
        changed.remove("meta");
        services.fhirWrite("PUT", "/Consent/" + UriUtils.encodePathSegment(consent.path("id").asText(), StandardCharsets.UTF_8),
                changed);
    }
}
