package org.onecity.common.audit;

import java.time.Instant;
import java.util.List;

/**
 * One look at a person's data in a service other than the city record (a bill in billing, a study in imaging), on
 * its way to the city record's access log, where the person reads every look at their data in one list.
 *
 * @param eventId      the service's own id for the entry, unique across services (e.g. {@code billing-42}), so a
 *                     relay repeated after a crash records it once
 * @param action       R (read), C, U, D or E (execute), as in FHIR AuditEvent.action
 * @param outcome      0 success, 4 refused, 8 failed
 * @param purposeOfUse TREAT, BTG, PATRQT, HPAYMT or HOPERAT (HL7 v3 ActReason)
 * @param person       the identifiers the service knows the person by: citizen ID, insurance card, a hospital's
 *                     record number; the city record finds the person by the first it can resolve
 */
public record RelayedAccess(String eventId, Instant recorded, String agentSubject, String agentName, String agentRole,
                            String agentOrganization, char action, int outcome, String purposeOfUse,
                            String breakGlassReason, String what, List<PersonIdentifier> person) {

    /** A system|value identifier of the person. */
    public record PersonIdentifier(String system, String value) {
    }
}
