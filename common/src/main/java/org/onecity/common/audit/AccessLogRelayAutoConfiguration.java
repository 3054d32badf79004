package org.onecity.common.audit;

import org.onecity.common.security.CitySecurityProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Relays a service's access log to the city record when the service has an outbox and a city record is named. */
@AutoConfiguration
@ConditionalOnProperty("onecity.access-log-relay.fhir-server")
@EnableConfigurationProperties(AccessLogRelayProperties.class)
public class AccessLogRelayAutoConfiguration {

    @Bean
    @ConditionalOnBean(AccessLogOutbox.class)
    AccessLogRelayer accessLogRelayer(AccessLogOutbox outbox, AccessLogRelayProperties properties,
            CitySecurityProperties security, @Value("${spring.application.name:service}") String service) {
        AccessLogRelay relay = new AccessLogRelay(properties.fhirServer(), security.issuerUri(), properties.clientId(),
                properties.clientSecret(), service);
        return new AccessLogRelayer(outbox, relay, properties.intervalOrDefault());
    }
}
