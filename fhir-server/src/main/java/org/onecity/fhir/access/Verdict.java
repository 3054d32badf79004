package org.onecity.fhir.access;

/** The answer of the access rules to one part of a request. */
public sealed interface Verdict {

    /** Everything the request reaches may be returned. */
    record Granted() implements Verdict {
    }

    /** Allowed, but every resource returned is checked against {@link Filter}. */
    record Filtered(Filter filter) implements Verdict {
    }

    /** Refused, with the reason given to the caller. */
    record Refused(String reason) implements Verdict {
    }

    /** How each resource is checked for a {@link Filtered} verdict. */
    enum Filter {
        /** A hospital system sees what its hospital sent. */
        OWN_HOSPITAL_DATA,
        /** A patient sees the records of their own person, from every hospital. */
        OWN_RECORDS,
        /** A doctor sees a person's records while caring for them, respecting the person's sharing consent. */
        CARE_RELATIONSHIP,
        /** An insurer sees financial records of its members. */
        INSURER_MEMBERS
    }

    static Verdict granted() {
        return new Granted();
    }

    static Verdict filtered(Filter filter) {
        return new Filtered(filter);
    }

    static Verdict refused(String reason) {
        return new Refused(reason);
    }
}
