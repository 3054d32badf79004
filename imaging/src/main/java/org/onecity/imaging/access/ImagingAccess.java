package org.onecity.imaging.access;

import org.onecity.common.security.BreakGlassHeader;
import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;
import org.onecity.common.security.SmartScopes;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what with images. Hospital systems store their hospital's images and read them back; the bureau reads
 * every study; doctors and patients read under the city record's care-relationship rules ({@link CityRecordGate}).
 * Scopes are SMART scopes on ImagingStudy.
 */
@Component
public class ImagingAccess {

    static final String RESOURCE = "ImagingStudy";
    /** The city record's break-glass header, which the imaging service relays and records. */
    public static final String BREAK_GLASS_HEADER = BreakGlassHeader.NAME;

    private final Optional<CityRecordGate> gate;

    public ImagingAccess(Optional<CityRecordGate> gate) {
        this.gate = gate;
    }

    /** The hospital a storing system acts for. */
    public String storingHospital(CityPrincipal who) {
        if (!who.is(Role.HOSPITAL_SYSTEM) || who.hospital() == null) {
            throw new Forbidden("Only a hospital's systems store images");
        }
        if (!who.scopes().permits(RESOURCE, SmartScopes.CREATE)) {
            throw new Forbidden("The token's scopes do not allow creating ImagingStudy");
        }
        return who.hospital();
    }

    /**
     * What the caller may search and read: a hospital system its hospital's studies, the bureau every study, a doctor
     * or patient the studies the city record shows them.
     *
     * @param hospitals       the hospitals whose studies may be read; null for every hospital
     * @param viaCityRecord   whether each study must also be one the city record lets the caller see
     */
    public record ReadScope(Set<String> hospitals, boolean viaCityRecord) {
    }

    public ReadScope readScope(CityPrincipal who) {
        if (!who.scopes().permits(RESOURCE, SmartScopes.READ) && !who.scopes().permits(RESOURCE, SmartScopes.SEARCH)) {
            throw new Forbidden("The token's scopes do not allow reading ImagingStudy");
        }
        return switch (who.role()) {
            case HOSPITAL_SYSTEM -> new ReadScope(Set.of(who.hospital()), false);
            case ADMIN -> new ReadScope(null, false);
            case DOCTOR, PATIENT -> {
                if (gate.isEmpty()) {
                    throw new Forbidden("Doctors and patients read images under the city record's rules, and no city "
                            + "record is configured (onecity.imaging.mirror.fhir-server)");
                }
                yield new ReadScope(null, true);
            }
            case INSURER -> throw new Forbidden("Insurers read claims, not images");
            case SERVICE -> throw new Forbidden("The hub's services relay access-log entries; they read no images");
        };
    }

    /**
     * The studies among these (by the hospital that stored each) that the caller may see; a doctor's break-glass
     * reason goes with the question.
     */
    public Set<String> visible(ReadScope scope, Map<String, String> hospitalOfStudy, String bearerToken) {
        if (!scope.viaCityRecord()) {
            return Set.copyOf(hospitalOfStudy.keySet());
        }
        return gate.orElseThrow().visible(bearerToken, currentBreakGlassReason(), hospitalOfStudy);
    }

    /** Whether the caller may delete a study its hospital (or, for the bureau, any hospital) stored. */
    public void mayDelete(CityPrincipal who, String studyHospital) {
        if (!who.scopes().permits(RESOURCE, SmartScopes.DELETE)) {
            throw new Forbidden("The token's scopes do not allow deleting ImagingStudy");
        }
        boolean own = who.is(Role.HOSPITAL_SYSTEM) && studyHospital.equals(who.hospital());
        if (!own && !who.is(Role.ADMIN)) {
            throw new Forbidden("Only the hospital that stored a study, or the bureau, deletes it");
        }
    }

    /** The access token of the current request, to relay to the city record. */
    public static String currentToken() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
            return token.getToken().getTokenValue();
        }
        throw new Forbidden("No token");
    }

    /**
     * The reason a doctor stated to read past the city record's rules ({@code X-Break-Glass-Reason}), relayed to the
     * city record, which judges and records it, and kept in this service's access log. Decoded as
     * {@link BreakGlassHeader} says; one that cannot be read never gets this far ({@link BreakGlassReasonCheck}).
     */
    public static String currentBreakGlassReason() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && BreakGlassHeader.read(attributes.getRequest().getHeader(BREAK_GLASS_HEADER))
                        instanceof BreakGlassHeader.Stated stated) {
            return stated.text();
        }
        return null;
    }

    /** The caller, if it is the health bureau; anyone else is refused with {@code refusal}. */
    public static CityPrincipal bureau(String refusal) {
        CityPrincipal who = CityPrincipal.current().orElseThrow(() -> new Forbidden("No token"));
        if (!who.is(Role.ADMIN)) {
            throw new Forbidden(refusal);
        }
        return who;
    }

    /** The caller may not do this; answered 403 with the reason. */
    public static class Forbidden extends RuntimeException {
        public Forbidden(String message) {
            super(message);
        }
    }
}
