package org.onecity.common.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every service is an OAuth2 resource server: a request carries a JWT from the configured issuer (signature,
 * issuer, audience and expiry checked) or gets a 401. Only the configured public paths, which never hold patient
 * or financial data, answer without a token.
 */
@AutoConfiguration(before = OAuth2ResourceServerAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({JwtDecoder.class, HttpSecurity.class})
@EnableConfigurationProperties(CitySecurityProperties.class)
@EnableWebSecurity
public class CitySecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CitySecurityAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain cityResourceServer(HttpSecurity http, CitySecurityProperties properties) throws Exception {
        if (!properties.enabled()) {
            log.warn("SECURITY IS OFF (onecity.security.enabled=false): every request is answered without a token. "
                    + "This mode exists only to measure what security costs.");
            http.csrf(csrf -> csrf.disable()).authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll());
            return http.build();
        }
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        .requestMatchers(properties.publicPaths().toArray(String[]::new)).permitAll()
                        // metrics count each hospital's pushes and refusals: the bureau's, not any token holder's
                        .requestMatchers("/actuator/**").access((authentication, context) ->
                                new AuthorizationDecision(isBureau(authentication.get())))
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> { }));
        return http.build();
    }

    /** The issuer's keys are looked up on first use, so a service starts even while the issuer is still coming up. */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(CitySecurityProperties properties) {
        if (!properties.enabled()) {
            return token -> {
                throw new org.springframework.security.oauth2.jwt.BadJwtException("Security is off; no token is read");
            };
        }
        if (properties.issuerUri() == null || properties.issuerUri().isBlank()) {
            throw new IllegalStateException("No token issuer configured: set onecity.security.issuer-uri "
                    + "(ONECITY_SECURITY_ISSUER_URI), or start the hub with './onecity run', which provides one.");
        }
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(properties.issuerUri());
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    new JwtTimestampValidator(properties.clockSkew()),
                    new JwtIssuerValidator(properties.issuerUri()),
                    audience(properties.audience())));
            return decoder;
        });
    }

    private static boolean isBureau(Authentication authentication) {
        return authentication instanceof JwtAuthenticationToken token
                && Role.ADMIN.claim().equals(token.getToken().getClaimAsString(CityClaims.ROLE));
    }

    static OAuth2TokenValidator<Jwt> audience(String audience) {
        OAuth2Error error = new OAuth2Error("invalid_token", "The token is not meant for " + audience, null);
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(error);
    }
}
