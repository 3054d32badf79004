package org.onecity.imaging.access;

import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;
import org.onecity.common.security.SmartScopes;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Who may do what with images. Hospital systems store their hospital's images and read them back; the bureau reads
 * every study; doctors and patients read under the city record's care-relationship rules (see {@code CityRecordGate}).
 * Scopes are SMART scopes on ImagingStudy.
 */
@Component
public class ImagingAccess {

    static final String RESOURCE = "ImagingStudy";

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
     * The hospitals whose studies the caller may search and read; null for all of them.
     */
    public Set<String> readableHospitals(CityPrincipal who) {
        if (!who.scopes().permits(RESOURCE, SmartScopes.READ) && !who.scopes().permits(RESOURCE, SmartScopes.SEARCH)) {
            throw new Forbidden("The token's scopes do not allow reading ImagingStudy");
        }
        return switch (who.role()) {
            case HOSPITAL_SYSTEM -> Set.of(who.hospital());
            case ADMIN -> null;
            default -> throw new Forbidden("A " + who.role().claim() + " reads images through the city record's "
                    + "care relationships; this is not open to them here");
        };
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

    /** The caller may not do this; answered 403 with the reason. */
    public static class Forbidden extends RuntimeException {
        public Forbidden(String message) {
            super(message);
        }
    }
}
