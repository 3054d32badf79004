package org.onecity.portal.signin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Sign-in at the city's issuer with the authorization code flow and PKCE. The tokens stay in the server-side session
 * (never in a page, a cookie or a script); the browser holds only the session cookie. Forms carry a CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

    static final String REGISTRATION = "city";

    @Bean
    SecurityFilterChain portal(HttpSecurity http, ClientRegistrationRepository registrations) throws Exception {
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
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new PersonFromAccessToken()))
                        .defaultSuccessUrl("/", true))
                // a sign-in starts a clean session: nothing of the browser's previous person carries over
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.newSession()))
                .logout(logout -> logout.logoutSuccessUrl("/"))
                .headers(headers -> headers
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                        + "frame-ancestors 'none'; form-action 'self'")))
                .csrf(Customizer.withDefaults());
        return http.build();
    }

    /** A person's tokens live in their session, so two sessions of one person never share a token. */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClients() {
        return new SessionTokens();
    }

    /** Hands out the person's access token, refreshing it when it has expired (access tokens live five minutes). */
    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientRepository authorizedClients) {
        DefaultOAuth2AuthorizedClientManager manager =
                new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build());
        return manager;
    }
}
