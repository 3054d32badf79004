package org.onecity.portal.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;

import java.util.HashMap;
import java.util.Map;

/**
 * The person's tokens in their own HTTP session, like Spring's {@code HttpSessionOAuth2AuthorizedClientRepository}
 * but under a {@code SPRING_SECURITY_} name: a sign-in starts a new, clean session (no break-glass reason or payment
 * key of whoever used the browser before) and carries over only Spring Security's attributes. The tokens are saved
 * just before that new session is made, so they must be one of them.
 */
class SessionTokens implements OAuth2AuthorizedClientRepository {

    static final String ATTRIBUTE = "SPRING_SECURITY_ONECITY_AUTHORIZED_CLIENTS";

    @Override
    @SuppressWarnings("unchecked")
    public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId, Authentication principal,
                                                                     HttpServletRequest request) {
        return (T) clients(request.getSession(false)).get(registrationId);
    }

    @Override
    public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal, HttpServletRequest request,
                                     HttpServletResponse response) {
        HttpSession session = request.getSession();
        Map<String, OAuth2AuthorizedClient> clients = new HashMap<>(clients(session));
        clients.put(client.getClientRegistration().getRegistrationId(), client);
        session.setAttribute(ATTRIBUTE, clients);
    }

    @Override
    public void removeAuthorizedClient(String registrationId, Authentication principal, HttpServletRequest request,
                                       HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return;
        }
        Map<String, OAuth2AuthorizedClient> clients = new HashMap<>(clients(session));
        clients.remove(registrationId);
        session.setAttribute(ATTRIBUTE, clients);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, OAuth2AuthorizedClient> clients(HttpSession session) {
        Object stored = session == null ? null : session.getAttribute(ATTRIBUTE);
        return stored == null ? Map.of() : (Map<String, OAuth2AuthorizedClient>) stored;
    }
}
