package org.onecity.common.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onecity.common.identity.Tokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends access-log entries of a service to the city record as FHIR AuditEvents ({@code PUT AuditEvent/{eventId}}),
 * with the service's own client credentials. A PUT by the entry's id makes a repeated send harmless.
 */
public class AccessLogRelay {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String fhirServer;
    private final Tokens issuer;
    private final String clientId;
    private final String secret;
    private final String observer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant tokenUntil = Instant.EPOCH;

    /** @param observer the service that saw the access, named in the entry ("OneCity billing") */
    public AccessLogRelay(String fhirServer, String issuerUri, String clientId, String secret, String observer) {
        this.fhirServer = fhirServer.replaceAll("/+$", "");
        this.issuer = new Tokens(issuerUri);
        this.clientId = clientId;
        this.secret = secret;
        this.observer = observer;
    }

    /** Sends one entry; a failure leaves it to be sent again. */
    public void send(RelayedAccess access) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(fhirServer + "/AuditEvent/" + access.eventId()))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token())
                    .header("Content-Type", "application/fhir+json")
                    .PUT(HttpRequest.BodyPublishers.ofString(toAuditEvent(access).toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new NotRelayed("The city record answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new NotRelayed("The city record is unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotRelayed("Interrupted");
        }
    }

    private synchronized String token() {
        if (token == null || Instant.now().isAfter(tokenUntil)) {
            try {
                token = issuer.forSystem(clientId, secret);
            } catch (RuntimeException e) {
                throw new NotRelayed("No token from the issuer for " + clientId + ": " + e.getMessage());
            }
            tokenUntil = Instant.now().plus(Duration.ofMinutes(4));
        }
        return token;
    }

    ObjectNode toAuditEvent(RelayedAccess access) {
        ObjectNode event = JSON.createObjectNode();
        event.put("resourceType", "AuditEvent").put("id", access.eventId());
        event.putObject("type").put("system", "http://terminology.hl7.org/CodeSystem/audit-event-type").put("code", "rest");
        event.put("action", String.valueOf(access.action()));
        event.put("recorded", access.recorded().toString());
        event.put("outcome", String.valueOf(access.outcome()));
        ObjectNode purpose = event.putArray("purposeOfEvent").addObject();
        purpose.putArray("coding").addObject().put("system", "http://terminology.hl7.org/CodeSystem/v3-ActReason")
                .put("code", access.purposeOfUse());
        if (access.breakGlassReason() != null) {
            purpose.put("text", access.breakGlassReason());
        }
        ArrayNode agents = event.putArray("agent");
        ObjectNode agent = agents.addObject().put("requestor", true);
        ObjectNode who = agent.putObject("who");
        who.putObject("identifier").put("value", access.agentSubject());
        if (access.agentName() != null) {
            who.put("display", access.agentName());
        }
        agent.putArray("role").addObject().putArray("coding").addObject().put("code", access.agentRole());
        if (access.agentOrganization() != null) {
            agents.addObject().put("requestor", false).putObject("who").putObject("identifier")
                    .put("value", access.agentOrganization());
        }
        event.putObject("source").putObject("observer").put("display", observer);
        ArrayNode entities = event.putArray("entity");
        for (RelayedAccess.PersonIdentifier id : access.person()) {
            ObjectNode entity = entities.addObject();
            entity.putObject("what").putObject("identifier").put("system", id.system()).put("value", id.value());
            entity.putObject("type").put("system", "http://terminology.hl7.org/CodeSystem/audit-entity-type").put("code", "1");
        }
        entities.addObject().put("description", access.what())
                .putObject("type").put("system", "http://terminology.hl7.org/CodeSystem/audit-entity-type").put("code", "2");
        return event;
    }

    /** The entry did not reach the city record now; it stays to be sent again. */
    public static class NotRelayed extends RuntimeException {
        public NotRelayed(String message) {
            super(message);
        }
    }
}
