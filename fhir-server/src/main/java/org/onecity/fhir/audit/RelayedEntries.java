package org.onecity.fhir.audit;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.onecity.common.security.CityPrincipal;
import org.onecity.fhir.access.PersonKey;
import org.onecity.fhir.access.Persons;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads an access-log entry relayed by billing or imaging: who looked, at whose data (by the identifiers the service
 * knows the person by: citizen ID, insurance card, a hospital's record number), why, and with what outcome.
 */
final class RelayedEntries {

    private static final String PERSON = "1";
    private static final String SYSTEM_OBJECT = "2";

    private RelayedEntries() {
    }

    static AuditRecord toRecord(String eventId, AuditEvent event, CityPrincipal relayedBy, Persons persons) {
        AuditEvent.AuditEventAgentComponent requestor = event.getAgent().stream()
                .filter(AuditEvent.AuditEventAgentComponent::getRequestor).findFirst()
                .orElseThrow(() -> new InvalidRequestException("A relayed entry names who looked (agent.requestor)"));
        String subject = requestor.getWho().getIdentifier().getValue();
        String role = requestor.getRoleFirstRep().getCodingFirstRep().getCode();
        if (subject == null || role == null) {
            throw new InvalidRequestException("A relayed entry names who looked and as what (agent.who, agent.role)");
        }
        String organization = event.getAgent().stream().filter(a -> !a.getRequestor())
                .map(a -> a.getWho().getIdentifier().getValue()).filter(v -> v != null).findFirst().orElse(null);
        Coding purpose = event.getPurposeOfEventFirstRep().getCodingFirstRep();
        String purposeOfUse = purpose.hasCode() ? purpose.getCode() : "HOPERAT";
        String breakGlass = "BTG".equals(purposeOfUse) ? event.getPurposeOfEventFirstRep().getText() : null;
        Optional<PersonKey> person = event.getEntity().stream()
                .filter(e -> PERSON.equals(e.getType().getCode()))
                .map(e -> e.getWhat().getIdentifier())
                .filter(Identifier::hasValue)
                .map(id -> persons.personByIdentifier(id.getSystem(), id.getValue()))
                .flatMap(Optional::stream)
                .findFirst();
        String what = event.getEntity().stream().filter(e -> SYSTEM_OBJECT.equals(e.getType().getCode()))
                .map(AuditEvent.AuditEventEntityComponent::getDescription).filter(d -> d != null).findFirst()
                .orElse("(not described)");
        String source = event.getSource().getObserver().getDisplay();
        Instant recorded = event.hasRecorded() ? event.getRecorded().toInstant() : Instant.now();
        char action = event.hasAction() ? event.getAction().toCode().charAt(0) : 'R';
        int outcome = event.hasOutcome() ? Integer.parseInt(event.getOutcome().toCode()) : 0;
        return new AuditRecord(null, recorded, action, "relayed", outcome, event.getOutcomeDesc(), subject,
                requestor.getWho().getDisplay(), role, organization, relayedBy.clientId(), null, purposeOfUse, breakGlass,
                person.map(PersonKey::system).orElse(null), person.map(PersonKey::value).orElse(null), List.of(), what,
                null, source == null ? relayedBy.clientId() : source, eventId);
    }
}
