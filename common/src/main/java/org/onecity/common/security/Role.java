package org.onecity.common.security;

import java.util.Arrays;

/** Who is asking, as the city's identity provider vouches for it. */
public enum Role {
    /** A hospital's HIS, LIS or PACS, acting for one hospital. */
    HOSPITAL_SYSTEM("hospital-system"),
    /** A doctor working at one hospital. */
    DOCTOR("doctor"),
    /** A resident looking at their own records and bills. */
    PATIENT("patient"),
    /** An insurer's system, settling and reconciling claims of its members. */
    INSURER("insurer"),
    /** The health bureau's operators. */
    ADMIN("admin"),
    /** One of the hub's own services (billing, imaging), reporting the reads of its data to the city's access log. */
    SERVICE("service");

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    public String claim() {
        return claim;
    }

    public static Role fromClaim(String value) {
        return Arrays.stream(values()).filter(r -> r.claim.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown role " + value));
    }
}
