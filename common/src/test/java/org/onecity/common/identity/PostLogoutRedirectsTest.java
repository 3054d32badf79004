package org.onecity.common.identity;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the issuer may send a person after signing out: only where the app registered, a loopback one on any port. */
class PostLogoutRedirectsTest {

    private static final Set<String> PORTAL = Set.of("http://127.0.0.1/", "https://portal.onecity.example/");

    @Test
    void aRegisteredAddressIsAllowedAsItIs() {
        assertThat(PostLogoutRedirects.allowed(PORTAL, "https://portal.onecity.example/")).isTrue();
        assertThat(PostLogoutRedirects.allowed(PORTAL, "http://127.0.0.1/")).isTrue();
    }

    @Test
    void aRegisteredLoopbackAddressIsAllowedOnAnyPort() {
        assertThat(PostLogoutRedirects.allowed(PORTAL, "http://127.0.0.1:12084/")).isTrue();
        assertThat(PostLogoutRedirects.allowed(PORTAL, "http://127.0.0.1:8084/")).isTrue();
    }

    @Test
    void anythingElseIsRefused() {
        assertThat(PostLogoutRedirects.allowed(PORTAL, "https://portal.onecity.example:8443/")).as("a port on a real host").isFalse();
        assertThat(PostLogoutRedirects.allowed(PORTAL, "http://127.0.0.1:12084/elsewhere")).as("another path").isFalse();
        assertThat(PostLogoutRedirects.allowed(PORTAL, "https://127.0.0.1:12084/")).as("another scheme").isFalse();
        assertThat(PostLogoutRedirects.allowed(PORTAL, "http://localhost:12084/")).as("a name, not the address").isFalse();
        assertThat(PostLogoutRedirects.allowed(PORTAL, "http://evil@127.0.0.1:12084/")).as("a user part").isFalse();
        assertThat(PostLogoutRedirects.allowed(PORTAL, "http://127.0.0.1.evil.example:80/")).isFalse();
        assertThat(PostLogoutRedirects.allowed(PORTAL, "http://127.0.0.1:12084/?next=https://evil.example")).isFalse();
        assertThat(PostLogoutRedirects.allowed(PORTAL, "not a uri at all")).isFalse();
        assertThat(PostLogoutRedirects.allowed(PORTAL, "http:127.0.0.1")).as("no host").isFalse();
        assertThat(PostLogoutRedirects.allowed(PORTAL, "http://127.0.0.1:abc/")).as("no port").isFalse();
        assertThat(PostLogoutRedirects.allowed(Set.of(), "http://127.0.0.1:12084/")).as("nothing registered").isFalse();
    }
}
