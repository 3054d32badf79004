package org.onecity.billing;

/**
 * A request the billing rules refuse, with the reason in words for the caller; nothing was changed. The web edge
 * answers it as problem+json with the status of its kind.
 *
 * @param problem a short stable name of the problem, e.g. {@code credit-limit-exceeded}
 */
public class Refused extends RuntimeException {

    public enum Kind {
        /** The request names something that does not exist (404). */
        NOT_FOUND,
        /** The caller may not do this (403). */
        FORBIDDEN,
        /** The request conflicts with what was done before (409). */
        CONFLICT,
        /** The request is well formed but breaks a rule (422). */
        UNPROCESSABLE,
        /** The request itself is malformed (400). */
        MALFORMED
    }

    private final Kind kind;
    private final String problem;

    public Refused(Kind kind, String problem, String detail) {
        super(detail);
        this.kind = kind;
        this.problem = problem;
    }

    public static Refused notFound(String problem, String detail) {
        return new Refused(Kind.NOT_FOUND, problem, detail);
    }

    public static Refused conflict(String problem, String detail) {
        return new Refused(Kind.CONFLICT, problem, detail);
    }

    public static Refused unprocessable(String problem, String detail) {
        return new Refused(Kind.UNPROCESSABLE, problem, detail);
    }

    public static Refused forbidden(String detail) {
        return new Refused(Kind.FORBIDDEN, "forbidden", detail);
    }

    public static Refused malformed(String problem, String detail) {
        return new Refused(Kind.MALFORMED, problem, detail);
    }

    public Kind kind() {
        return kind;
    }

    public String problem() {
        return problem;
    }
}
