package org.onecity.fhir.audit;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.onecity.common.security.CityPrincipal;
import org.onecity.fhir.access.PersonKey;
import org.onecity.fhir.access.RequestAccess;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the access-log entries of one request: one per person whose records it reached. */
final class AuditRecords {

    private AuditRecords() {
    }

    static List<AuditRecord> of(RequestAccess access, RequestDetails request, int outcome, String failure,
            Instant now, String address) {
        CityPrincipal who = access.principal();
        RestOperationTypeEnum operation = request.getRestOperationType();
        String outcomeText = failure != null ? failure
                : access.withheld().get() > 0 ? access.withheld().get() + " record(s) withheld by the access rules"
                : access.lookRefused() ? "the person's records withheld by the access rules" : null;
        int effectiveOutcome = failure == null && (access.withheld().get() > 0 || access.lookRefused()) ? 4 : outcome;
        String what = request.getRequestType() + " " + request.getCompleteUrl();
        String organization = who.hospital() != null ? who.hospital() : who.insurer();
        Map<PersonKey, Set<String>> persons = access.touchedPersons();
        List<AuditRecord> records = new ArrayList<>();
        if (persons.isEmpty()) {
            records.add(record(now, operation, effectiveOutcome, outcomeText, who, organization, address, access,
                    null, null, List.of(), what, request.getRequestId()));
        }
        persons.forEach((person, patients) -> records.add(record(now, operation, effectiveOutcome, outcomeText, who,
                organization, address, access, person.system(), person.value(), List.copyOf(patients), what,
                request.getRequestId())));
        return records;
    }

    private static AuditRecord record(Instant now, RestOperationTypeEnum operation, int outcome, String outcomeText,
            CityPrincipal who, String organization, String address, RequestAccess access, String personSystem,
            String personValue, List<String> patients, String what, String requestId) {
        return new AuditRecord(null, now, action(operation), subtype(operation), outcome, outcomeText, who.subject(),
                who.displayName(), who.role().claim(), organization, who.clientId(), address, purpose(access),
                access.breakGlassReason(), personSystem, personValue, patients, what, requestId, AuditRecord.CITY_RECORD, null);
    }

    static char action(RestOperationTypeEnum operation) {
        if (operation == null) {
            return 'E';
        }
        return switch (operation) {
            case CREATE -> 'C';
            case READ, VREAD, SEARCH_TYPE, SEARCH_SYSTEM, HISTORY_INSTANCE, HISTORY_TYPE, HISTORY_SYSTEM, GET_PAGE -> 'R';
            case UPDATE, PATCH, META_ADD, META_DELETE -> 'U';
            case DELETE -> 'D';
            default -> 'E';
        };
    }

    static String subtype(RestOperationTypeEnum operation) {
        return operation == null ? "operation" : operation.getCode();
    }

    /** The purpose of use (HL7 v3 ActReason) the role implies; break-glass is always BTG. */
    static String purpose(RequestAccess access) {
        if (access.brokeGlass()) {
            return "BTG";
        }
        return switch (access.principal().role()) {
            case DOCTOR -> "TREAT";
            case PATIENT -> "PATRQT";
            case INSURER -> "HPAYMT";
            case HOSPITAL_SYSTEM, ADMIN, SERVICE -> "HOPERAT";
        };
    }
}
