package org.onecity.common.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * @param enabled     false only to measure what security costs (the benchmarks); never in a deployment
 * @param issuerUri   the OIDC issuer whose tokens the service accepts (the hub's embedded issuer, Keycloak...)
 * @param audience    the audience every accepted token must name
 * @param clockSkew   tolerance on expiry and not-before
 * @param publicPaths paths answered without a token: never patient or financial data
 */
@ConfigurationProperties("onecity.security")
public record CitySecurityProperties(Boolean enabled, String issuerUri, String audience, Duration clockSkew,
                                     List<String> publicPaths) {

    public CitySecurityProperties {
        enabled = enabled == null || enabled;
        audience = audience == null || audience.isBlank() ? "onecity" : audience;
        clockSkew = clockSkew == null ? Duration.ofSeconds(5) : clockSkew;
        publicPaths = publicPaths == null ? List.of("/actuator/health", "/actuator/health/**") : List.copyOf(publicPaths);
    }
}
