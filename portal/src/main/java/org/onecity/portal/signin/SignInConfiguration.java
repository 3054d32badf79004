package org.onecity.portal.signin;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import java.net.URI;
import java.time.Duration;

/**
 * Sign-in at the city's issuer with the authorization code flow and PKCE. The tokens stay in the server-side session
 * (never in a page, a cookie or a script); the browser holds only the session cookie. Forms carry a CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

    static final String REGISTRATION = "city";

    @Bean
    IssuerCalls issuerCalls() {
        return IssuerCalls.withCityLimits();
    }

    /** Spring's sign-in checks each ID token with the decoder this gives. */
    @Bean
    JwtDecoderFactory<ClientRegistration> idTokenDecoders(IssuerCalls issuer) {
        return issuer.idTokens();
    }

    @Bean
    SecurityFilterChain portal(HttpSecurity http, ClientRegistrationRepository registrations, IssuerCalls issuer)
            throws Exception {
        DefaultOAuth2AuthorizationRequestResolver withPkce =
                new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        withPkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/", "/css/**", "/webjars/**", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/doctor/**").hasAuthority(Person.DOCTOR_AUTHORITY)
                        .requestMatchers("/patient/**").hasAuthority(Person.PATIENT_AUTHORITY)
                        .requestMatchers("/insurer/**").hasAuthority(Person.INSURER_AUTHORITY)
                        .requestMatchers("/bureau/**").hasAuthority(Person.BUREAU_AUTHORITY)
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(withPkce))
                        .tokenEndpoint(token -> token.accessTokenResponseClient(issuer.codeExchange()))
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new PersonFromAccessToken()))
                        .defaultSuccessUrl("/", true))
                // a sign-in starts a clean session: nothing of the browser's previous person carries over
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.newSession()))
                .logout(logout -> logout.logoutSuccessHandler(signOutAtIssuer(registrations)))
                .headers(headers -> headers
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                        + "frame-ancestors 'none'; form-action " + formActions(registrations))))
                .csrf(Customizer.withDefaults());
        return http.build();
    }

    /**
     * Signing out ends the person's session at the issuer too (OpenID Connect RP-initiated logout), then the issuer
     * sends them back to the portal's home; an issuer that does not offer it leaves them at the home at once.
     */
    private static LogoutSuccessHandler signOutAtIssuer(ClientRegistrationRepository registrations) {
        OidcClientInitiatedLogoutSuccessHandler atIssuer = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        atIssuer.setPostLogoutRedirectUri("{baseUrl}/");
        atIssuer.setDefaultTargetUrl("/");
        return atIssuer;
    }

    /**
     * Forms post to the portal only; the sign-out form's answer goes on to the issuer's end of session, which the
     * browser follows only where the form's targets allow it.
     */
    static String formActions(ClientRegistrationRepository registrations) {
        ClientRegistration city = registrations.findByRegistrationId(REGISTRATION);
        Object endSession = city == null ? null
                : city.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
        if (endSession == null) {
            return "'self'";
        }
        URI end = URI.create(endSession.toString());
        return "'self' " + end.getScheme() + "://" + end.getRawAuthority();
    }

    /** A person's tokens live in their session, so two sessions of one person never share a token. */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClients() {
        return new SessionTokens();
    }

    /** Hands out the person's access token, refreshing it when it has expired (access tokens live five minutes). */
    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientRepository authorizedClients, IssuerCalls issuer, ApplicationEventPublisher events) {
        DefaultOAuth2AuthorizedClientManager manager =
                new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken(refresh -> refresh.accessTokenResponseClient(issuer.refresh())
                        // the refreshed ID token replaces the session's: the issuer knows the person's session by it
                        .eventPublisher(events).clockSkew(Duration.ofSeconds(10)))
                .build());
        return manager;
    }
}
