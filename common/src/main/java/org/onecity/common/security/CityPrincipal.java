package org.onecity.common.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The caller of a request, read from its verified access token.
 *
 * @param subject   the token's subject: a user name, or a client id for systems
 * @param hospital  the hospital code a hospital system or doctor acts for
 * @param insurer   the insurer code an insurer system acts for
 * @param citizenId the citizen ID of a patient
 */
public record CityPrincipal(String subject, String clientId, Role role, String hospital, String insurer,
                            String citizenId, String name, String fhirUser, SmartScopes scopes) {

    public static CityPrincipal from(Jwt jwt) {
        Object scopeClaim = jwt.getClaims().get(CityClaims.SCOPE);
        List<String> scopes = scopeClaim instanceof Collection<?> list
                ? list.stream().map(String::valueOf).toList()
                : scopeClaim == null ? List.of() : Arrays.asList(String.valueOf(scopeClaim).split(" "));
        return new CityPrincipal(jwt.getSubject(), jwt.getClaimAsString(CityClaims.CLIENT_ID),
                Role.fromClaim(jwt.getClaimAsString(CityClaims.ROLE)), jwt.getClaimAsString(CityClaims.HOSPITAL),
                jwt.getClaimAsString(CityClaims.INSURER), jwt.getClaimAsString(CityClaims.CITIZEN_ID),
                jwt.getClaimAsString(CityClaims.NAME), jwt.getClaimAsString(CityClaims.FHIR_USER),
                SmartScopes.parse(scopes));
    }

    /** The principal of the current request, if it carries a verified token. */
    public static Optional<CityPrincipal> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return Optional.of(from(token.getToken()));
        }
        return Optional.empty();
    }

    public boolean is(Role other) {
        return role == other;
    }

    /** A name for audit logs: the person's name where known, else the subject. */
    public String displayName() {
        return name != null ? name : subject;
    }
}
