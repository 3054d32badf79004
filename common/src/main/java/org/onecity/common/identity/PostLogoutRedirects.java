package org.onecity.common.identity;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where the issuer sends a person back after an app asked it to sign them out: an address the app registered, or a
 * registered loopback address on another port, as sign-in accepts (RFC 8252, 7.3): the hub's portal runs on the
 * loopback address at a port of the hub's choosing.
 */
final class PostLogoutRedirects implements Consumer<OidcLogoutAuthenticationContext> {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "[::1]");

    @Override
    public void accept(OidcLogoutAuthenticationContext context) {
        OidcLogoutAuthenticationToken request = context.getAuthentication();
        String uri = request.getPostLogoutRedirectUri();
        if (uri != null && !uri.isBlank() && !allowed(context.getRegisteredClient().getPostLogoutRedirectUris(), uri)) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                    "OpenID Connect 1.0 Logout Request Parameter: post_logout_redirect_uri", null));
        }
    }

    static boolean allowed(Set<String> registered, String uri) {
        if (registered.contains(uri)) {
            return true;
        }
        try {
            URI asked = new URI(uri);
            if (!"http".equals(asked.getScheme()) || asked.getHost() == null || !LOOPBACK.contains(asked.getHost())
                    || asked.getPort() < 0
                    || asked.getRawUserInfo() != null) {
                return false;
            }
            URI anyPort = new URI(asked.getScheme(), null, asked.getHost(), -1, asked.getPath(), asked.getQuery(),
                    asked.getFragment());
            return registered.contains(anyPort.toString());
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
