package org.onecity.common.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Where a service relays its access-log entries: the city record's FHIR base URL and the service's own client
 * ({@code ONECITY_ACCESS_LOG_RELAY_FHIR_SERVER}, {@code ..._CLIENT_ID}, {@code ..._CLIENT_SECRET}). Without a
 * FHIR server the entries wait in the service's outbox.
 */
@ConfigurationProperties("onecity.access-log-relay")
public record AccessLogRelayProperties(String fhirServer, String clientId, String clientSecret, Duration interval) {

    public Duration intervalOrDefault() {
        return interval == null ? Duration.ofSeconds(2) : interval;
    }
}
