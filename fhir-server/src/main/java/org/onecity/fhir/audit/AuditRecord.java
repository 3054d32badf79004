package org.onecity.fhir.audit;

import java.time.Instant;
import java.util.List;

/**
 * One entry of the access log, shaped after IHE Basic Audit Log Patterns: who (and as what, for which
 * organization), did what to whose records, when, why, with what outcome.
 *
 * @param action        C, R, U, D or E (execute)
 * @param subtype       the FHIR interaction: read, vread, search-type, create, update, delete, transaction, operation
 * @param outcome       0 success, 4 refused or failed by the client's fault, 8 failed by the server's
 * @param purposeOfUse  TREAT, BTG (break-glass), HPAYMT (payment), PATRQT (patient's own request), HOPERAT
 * @param personSystem  the person whose records were reached (citizen ID or card system), null if none
 * @param what          the request as received, and what it reached
 * @param source        the service that saw the access: the city record, or billing or imaging, which relay theirs
 * @param sourceEvent   a relaying service's own id for the entry, null for the city record's own entries
 */
public record AuditRecord(Long id, Instant recorded, char action, String subtype, int outcome, String outcomeText,
                          String agentSubject, String agentName, String agentRole, String agentOrganization,
                          String agentClient, String agentAddress, String purposeOfUse, String breakGlassReason,
                          String personSystem, String personValue, List<String> patientRefs, String what,
                          String requestId, String source, String sourceEvent) {

    public static final String CITY_RECORD = "city record";

    public boolean brokeGlass() {
        return breakGlassReason != null;
    }
}
