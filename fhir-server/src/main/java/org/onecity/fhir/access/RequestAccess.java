package org.onecity.fhir.access;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Who is asking in one request, and what the request has touched so far: the persons whose records it reached, for
 * the audit trail. Lives in the request's user data, which a transaction's entries share, so every resource any
 * part of the request loads or stores is judged for the same caller.
 *
 * @param breakGlassReason  the reason a doctor stated to read past the rules, recorded and shown to the patient
 */
public record RequestAccess(CityPrincipal principal, String breakGlassReason,
                            Map<PersonKey, Set<String>> touched, Map<String, Object> memo, AtomicInteger withheld) {

    private static final String KEY = RequestAccess.class.getName();
    private static final String JUDGE_WHEN_LOADED = "judge-when-loaded";
    private static final String LOOK_REFUSED = "look-refused";

    public RequestAccess(CityPrincipal principal, String breakGlassReason) {
        this(principal, breakGlassReason, new LinkedHashMap<>(), new HashMap<>(), new AtomicInteger());
    }

    /** Only the bureau's operators see everything a request reaches without a look at each resource. */
    public boolean unrestricted() {
        return principal.is(Role.ADMIN);
    }

    /** The rules' answer for reading one kind of record, asked once per request and type. */
    public Verdict readVerdict(String type) {
        return remember("read-verdict|" + type, t -> AccessRules.decide(principal, type, Interaction.READ));
    }

    /**
     * Marks the request to be judged record by record as its records are loaded, so that HAPI's counts and pages
     * reflect only what may be shown (a search that names no single person).
     */
    public void judgeWhenLoaded() {
        synchronized (memo) {
            memo.put(JUDGE_WHEN_LOADED, Boolean.TRUE);
        }
    }

    public boolean judgedWhenLoaded() {
        synchronized (memo) {
            return Boolean.TRUE.equals(memo.get(JUDGE_WHEN_LOADED));
        }
    }

    /** Counts a record the rules kept from the caller. */
    public void withheldOne() {
        withheld.incrementAndGet();
    }

    public void attachTo(RequestDetails request) {
        request.getUserData().put(KEY, this);
    }

    public static Optional<RequestAccess> of(RequestDetails request) {
        return request == null ? Optional.empty() : Optional.ofNullable((RequestAccess) request.getUserData().get(KEY));
    }

    public boolean brokeGlass() {
        return breakGlassReason != null;
    }

    /** Notes that the request reached records of a person (through a Patient record). */
    public synchronized void touched(PersonKey person, String patientId) {
        touched.computeIfAbsent(person, p -> new LinkedHashSet<>()).add("Patient/" + patientId);
    }

    /**
     * A search that names a person whose records the caller does not reach finds nothing, and the look is on that
     * person's access log as refused.
     */
    public synchronized void refusedLookAt(PersonKey person) {
        touched.computeIfAbsent(person, p -> new LinkedHashSet<>());
        synchronized (memo) {
            memo.put(LOOK_REFUSED, Boolean.TRUE);
        }
    }

    public boolean lookRefused() {
        synchronized (memo) {
            return Boolean.TRUE.equals(memo.get(LOOK_REFUSED));
        }
    }

    public synchronized Map<PersonKey, Set<String>> touchedPersons() {
        return Map.copyOf(touched);
    }

    /** A per-request cache, so one request asks the database about a person once. Computations may nest. */
    @SuppressWarnings("unchecked")
    public <T> T remember(String key, Function<String, T> compute) {
        synchronized (memo) {
            if (memo.containsKey(key)) {
                return (T) memo.get(key);
            }
        }
        T value = compute.apply(key);
        synchronized (memo) {
            memo.putIfAbsent(key, value);
            return (T) memo.get(key);
        }
    }
}
