package org.onecity.common.identity;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The systems and people the embedded issuer knows: the demo city's hospital systems, insurer, bureau, doctors
 * and patients. {@code deploy/keycloak/onecity-realm.json} holds the same identities for production's Keycloak.
 */
public record DemoIdentities(String audience, List<Client> clients, List<User> users) {

    public static final String DEFAULT = "classpath:onecity-demo-identities.yaml";

    /**
     * A registered client. Systems (hospital, insurer, bureau) use client credentials and carry their role and
     * organization; apps for people use the authorization code flow with PKCE: a public app carries no secret, a
     * web app that keeps the tokens on its server (the portal) has a secret and redirect URIs.
     *
     * @param audience               overrides the issuer's audience, e.g. for a client meant for another API
     * @param tokenLifetime          how long its access tokens live (five minutes when not given)
     * @param postLogoutRedirectUris where the issuer may send a person back after signing out at the app's request
     */
    public record Client(String id, String secret, String role, String hospital, String insurer, List<String> scopes,
                         List<String> redirectUris, String audience, Duration tokenLifetime,
                         List<String> postLogoutRedirectUris) {

        public boolean isSystem() {
            return hasSecret() && (redirectUris == null || redirectUris.isEmpty());
        }

        /** A confidential client that signs people in: authorization code with PKCE and its secret. */
        public boolean isConfidentialApp() {
            return hasSecret() && redirectUris != null && !redirectUris.isEmpty();
        }

        private boolean hasSecret() {
            return secret != null && !secret.isBlank();
        }

        public Duration lifetime() {
            return tokenLifetime == null ? Duration.ofMinutes(5) : tokenLifetime;
        }
    }

    /**
     * A person who signs in: a doctor at a hospital, a patient by citizen ID, a person of an insurer (its code), or a
     * bureau operator.
     */
    public record User(String username, String password, String role, String hospital, String insurer,
                       String citizenId, String name, String fhirUser) {
    }

    public DemoIdentities {
        audience = audience == null ? "onecity" : audience;
        clients = clients == null ? List.of() : List.copyOf(clients);
        users = users == null ? List.of() : List.copyOf(users);
    }

    public Optional<Client> client(String id) {
        return clients.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Optional<User> user(String username) {
        return users.stream().filter(u -> u.username().equals(username)).findFirst();
    }

    /** Reads identities from {@code classpath:...} or a file path, under the key {@code onecity.identities}. */
    public static DemoIdentities load(String location) {
        Resource resource = location.startsWith("classpath:")
                ? new ClassPathResource(location.substring("classpath:".length()))
                : new FileSystemResource(location);
        try {
            var sources = new YamlPropertySourceLoader().load(location, resource);
            return new Binder(ConfigurationPropertySources.from(sources))
                    .bind("onecity.identities", DemoIdentities.class)
                    .orElseThrow(() -> new IllegalStateException("No onecity.identities in " + location));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read identities from " + location, e);
        }
    }
}
