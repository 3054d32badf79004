package org.onecity.portal.signin;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.Optional;

/**
 * The signed-in person as the city's issuer describes them in the access token: a doctor at a hospital, a patient by
 * citizen ID, a person of an insurer, a person of the health bureau. The portal uses it to choose the pages; the
 * services decide what the person may see.
 */
public record Person(String username, String name, Role role, String hospital, String insurer, String citizenId)
        implements java.io.Serializable {

    public static final String DOCTOR_AUTHORITY = "ROLE_doctor";
    public static final String PATIENT_AUTHORITY = "ROLE_patient";
    public static final String INSURER_AUTHORITY = "ROLE_insurer";
    public static final String BUREAU_AUTHORITY = "ROLE_bureau";

    /** The issuer's roles the portal has pages for; anyone else sees only the home page. */
    public enum Role {
        DOCTOR("doctor"), PATIENT("patient"), INSURER("insurer"), BUREAU("admin"), OTHER(null);

        private final String claim;

        Role(String claim) {
            this.claim = claim;
        }

        static Role of(String claim) {
            for (Role role : values()) {
                if (role.claim != null && role.claim.equals(claim)) {
                    return role;
                }
            }
            return OTHER;
        }

        /** The Spring Security authority that opens the role's pages. */
        public String authority() {
            return "ROLE_" + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean isDoctor() {
        return role == Role.DOCTOR;
    }

    public boolean isPatient() {
        return role == Role.PATIENT;
    }

    public boolean isInsurerStaff() {
        return role == Role.INSURER;
    }

    public boolean isBureauStaff() {
        return role == Role.BUREAU;
    }

    /** The person signed in on this request, if any. */
    public static Optional<Person> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof OidcUser user) {
            Object person = user.getAttributes().get(PersonFromAccessToken.PERSON);
            if (person instanceof Person p) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
