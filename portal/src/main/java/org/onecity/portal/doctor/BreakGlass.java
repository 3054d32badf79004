package org.onecity.portal.doctor;

import org.onecity.portal.signin.Person;
import org.springframework.stereotype.Component;
import org.springframework.web.context.annotation.SessionScope;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reasons a doctor gave for breaking the glass, per patient, for this session: every later request about that
 * patient carries the reason to the services, which record it and show it to the patient. A new sign-in starts a
 * new session; the reasons are keyed by the doctor as well, so one person's reason never goes out for another.
 */
@Component
@SessionScope
public class BreakGlass implements Serializable {

    private final Map<String, String> reasons = new ConcurrentHashMap<>();

    public String reasonFor(String patientId) {
        return reasonFor(signedIn(), patientId);
    }

    void record(String patientId, BreakGlassReason.Accepted reason) {
        record(signedIn(), patientId, reason);
    }

    String reasonFor(String doctor, String patientId) {
        return reasons.get(key(doctor, patientId));
    }

    void record(String doctor, String patientId, BreakGlassReason.Accepted reason) {
        reasons.put(key(doctor, patientId), reason.text());
    }

    private static String signedIn() {
        return Person.current().map(Person::username).orElse("");
    }

    private static String key(String doctor, String patientId) {
        return doctor + "\n" + patientId;
    }
}
