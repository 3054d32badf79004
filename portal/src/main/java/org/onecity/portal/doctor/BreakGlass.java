package org.onecity.portal.doctor;

import org.springframework.stereotype.Component;
import org.springframework.web.context.annotation.SessionScope;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reasons a doctor gave for breaking the glass, per patient, for this session: every later request about that
 * patient carries the reason to the services, which record it and show it to the patient.
 */
@Component
@SessionScope
public class BreakGlass implements Serializable {

    /** The city record asks for at least ten characters: a reason in words. */
    static final int SHORTEST_REASON = 10;

    private final Map<String, String> reasons = new ConcurrentHashMap<>();

    public String reasonFor(String patientId) {
        return reasons.get(patientId);
    }

    public void record(String patientId, String reason) {
        reasons.put(patientId, reason.trim());
    }

    static boolean isReason(String reason) {
        return reason != null && reason.trim().length() >= SHORTEST_REASON;
    }
}
