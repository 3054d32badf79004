package org.onecity.common.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.onecity.common.embedded.Folders;
import org.onecity.common.security.CityClaims;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Spring Authorization Server configured with the city's identities: client credentials for systems,
 * authorization code with PKCE for people, and the city's claims in every access token.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@Import({PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class})
class IssuerServerConfiguration {

    static final String IDENTITIES = "onecity.issuer.identities";
    static final String ISSUER = "onecity.issuer.uri";
    static final String WORK_FOLDER = "onecity.issuer.work-folder";

    /** Tomcat works in the issuer's work folder: else it leaves folders in the system's temporary folder. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatInWorkFolder(Environment environment) {
        return factory -> {
            Path folder = Path.of(environment.getRequiredProperty(WORK_FOLDER));
            factory.setBaseDirectory(Folders.fresh(folder.resolve("tomcat")).toFile());
            factory.setDocumentRoot(Folders.fresh(folder.resolve("document-root")).toFile());
        };
    }

    @Bean
    DemoIdentities identities(Environment environment) {
        return DemoIdentities.load(environment.getProperty(IDENTITIES, DemoIdentities.DEFAULT));
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, server -> server.oidc(oidc -> oidc.logoutEndpoint(logout ->
                        logout.authenticationProviders(providers -> providers.stream()
                                .filter(OidcLogoutAuthenticationProvider.class::isInstance)
                                .forEach(p -> ((OidcLogoutAuthenticationProvider) p)
                                        .setAuthenticationValidator(new PostLogoutRedirects()))))))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    RegisteredClientRepository registeredClients(DemoIdentities identities) {
        List<RegisteredClient> clients = identities.clients().stream().map(IssuerServerConfiguration::register).toList();
        return new InMemoryRegisteredClientRepository(clients);
    }

    private static RegisteredClient register(DemoIdentities.Client client) {
        RegisteredClient.Builder builder = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(client.id())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(client.lifetime()).build())
                .scopes(scopes -> scopes.addAll(client.scopes() == null ? List.of() : client.scopes()));
        if (client.isSystem()) {
            builder.clientSecret("{noop}" + client.secret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS);
        } else {
            if (client.isConfidentialApp()) {
                builder.clientSecret("{noop}" + client.secret())
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
            } else {
                builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
            }
            builder.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .scope(OidcScopes.OPENID)
                    .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build());
            (client.redirectUris() == null ? List.<String>of() : client.redirectUris()).forEach(builder::redirectUri);
            (client.postLogoutRedirectUris() == null ? List.<String>of() : client.postLogoutRedirectUris())
                    .forEach(builder::postLogoutRedirectUri);
        }
        return builder.build();
    }

    @Bean
    UserDetailsService people(DemoIdentities identities) {
        return new InMemoryUserDetailsManager(identities.users().stream()
                .map(u -> User.withUsername(u.username()).password("{noop}" + u.password()).roles(u.role()).build())
                .toList());
    }

    /** Adds the city's claims to every access token and keeps a person's scopes to what their role allows. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> cityClaims(DemoIdentities identities) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            DemoIdentities.Client client = identities.client(context.getRegisteredClient().getClientId()).orElseThrow();
            var claims = context.getClaims();
            claims.audience(List.of(client.audience() != null ? client.audience() : identities.audience()));
            claims.claim(CityClaims.CLIENT_ID, client.id());
            if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                claims.claim(CityClaims.ROLE, client.role());
                putIfPresent(claims, CityClaims.HOSPITAL, client.hospital());
                putIfPresent(claims, CityClaims.INSURER, client.insurer());
                claims.claim(CityClaims.NAME, client.id());
                // a system that asks for no scope gets the scopes it is registered with
                if (context.getAuthorizedScopes().isEmpty()) {
                    claims.claim(CityClaims.SCOPE, context.getRegisteredClient().getScopes());
                }
                return;
            }
            DemoIdentities.User user = identities.user(context.getPrincipal().getName()).orElseThrow();
            claims.claim(CityClaims.ROLE, user.role());
            putIfPresent(claims, CityClaims.HOSPITAL, user.hospital());
            putIfPresent(claims, CityClaims.INSURER, user.insurer());
            putIfPresent(claims, CityClaims.CITIZEN_ID, user.citizenId());
            putIfPresent(claims, CityClaims.NAME, user.name());
            putIfPresent(claims, CityClaims.FHIR_USER, user.fhirUser());
            claims.claim(CityClaims.SCOPE, allowedForRole(context.getAuthorizedScopes(), user.role()));
        };
    }

    /**
     * Doctors, insurers' people and the bureau get user/ scopes, patients patient/ scopes: a person never holds the
     * other's. A user/ scope that writes is kept only for the role whose work it is: an insurer's person sends the
     * insurer's statement (PaymentReconciliation); nobody else writes as a user through an app.
     */
    static Set<String> allowedForRole(Set<String> requested, String role) {
        String excluded = "patient".equals(role) ? "user/" : "patient/";
        return requested.stream().filter(s -> !s.startsWith(excluded) && !s.startsWith("system/"))
                .filter(s -> !s.startsWith("user/") || !writes(s) || s.equals(USER_WRITES.get(role)))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static final Map<String, String> USER_WRITES = Map.of("insurer", "user/PaymentReconciliation.c");

    /** A scope whose interactions create, update or delete (SMART v2 letters, or v1's {@code write} and {@code *}). */
    private static boolean writes(String scope) {
        String interactions = scope.substring(scope.lastIndexOf('.') + 1);
        if (interactions.equals("read")) {
            return false;
        }
        return interactions.equals("write") || interactions.equals("*")
                || interactions.chars().anyMatch(c -> c == 'c' || c == 'u' || c == 'd');
    }

    private static void putIfPresent(org.springframework.security.oauth2.jwt.JwtClaimsSet.Builder claims, String name,
            String value) {
        if (value != null && !value.isBlank()) {
            claims.claim(name, value);
        }
    }

    @Bean
    JWKSource<SecurityContext> signingKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var keyPair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) keyPair.getPublic())
                    .privateKey((RSAPrivateKey) keyPair.getPrivate())
                    .keyID(UUID.randomUUID().toString())
                    .build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For the OIDC userinfo endpoint, which reads the issuer's own tokens. */
    @Bean
    JwtDecoder issuedTokens(JWKSource<SecurityContext> signingKeys) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(signingKeys);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(Environment environment) {
        return AuthorizationServerSettings.builder().issuer(environment.getRequiredProperty(ISSUER)).build();
    }
}
