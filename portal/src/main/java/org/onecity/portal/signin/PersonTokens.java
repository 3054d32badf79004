package org.onecity.portal.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The signed-in person's access token, from their session, refreshed when it has expired. */
@Component
public class PersonTokens {

    private final OAuth2AuthorizedClientManager clients;

    PersonTokens(OAuth2AuthorizedClientManager clients) {
        this.clients = clients;
    }

    public String accessToken() {
        Authentication person = SecurityContextHolder.getContext().getAuthentication();
        ServletRequestAttributes attributes = (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
        OAuth2AuthorizedClient client = clients.authorize(OAuth2AuthorizeRequest
                .withClientRegistrationId(SignInConfiguration.REGISTRATION).principal(person)
                .attribute(HttpServletRequest.class.getName(), attributes.getRequest())
                .attribute(HttpServletResponse.class.getName(), attributes.getResponse())
                .build());
        if (client == null) {
            throw new SignInAgain();
        }
        return client.getAccessToken().getTokenValue();
    }

    /** The session holds no usable token any more (the refresh token expired too): the person signs in again. */
    public static final class SignInAgain extends RuntimeException {
        SignInAgain() {
            super("Please sign in again");
        }
    }
}
