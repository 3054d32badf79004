package org.onecity.fhir.audit;

import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.onecity.common.city.CityIdentifiers;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;

/** Shows an access-log entry as a FHIR AuditEvent after the IHE Basic Audit Log Patterns. */
final class AuditEvents {

    static final String USER_SYSTEM = CityIdentifiers.BASE + "/sid/user";
    static final String ROLE_SYSTEM = CityIdentifiers.BASE + "/CodeSystem/access-role";

    private AuditEvents() {
    }

    static AuditEvent toFhir(AuditRecord record) {
        AuditEvent event = new AuditEvent();
        event.setId(String.valueOf(record.id()));
        event.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"));
        event.addSubtype(new Coding("http://hl7.org/fhir/restful-interaction", record.subtype(), record.subtype()));
        event.setAction(AuditEvent.AuditEventAction.fromCode(String.valueOf(record.action())));
        event.setRecorded(Date.from(record.recorded()));
        event.setOutcome(AuditEvent.AuditEventOutcome.fromCode(String.valueOf(record.outcome())));
        event.setOutcomeDesc(record.outcomeText());
        CodeableConcept purpose = new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason",
                record.purposeOfUse(), purposeDisplay(record.purposeOfUse())));
        if (record.brokeGlass()) {
            purpose.setText("Break-glass: " + record.breakGlassReason());
        }
        event.addPurposeOfEvent(purpose);

        AuditEvent.AuditEventAgentComponent agent = event.addAgent();
        agent.setWho(new Reference().setIdentifier(new Identifier().setSystem(USER_SYSTEM).setValue(record.agentSubject()))
                .setDisplay(record.agentName()));
        agent.addRole(new CodeableConcept(new Coding(ROLE_SYSTEM, record.agentRole(), record.agentRole())));
        agent.setRequestor(true);
        if (record.agentClient() != null) {
            agent.addPolicy(record.agentClient());
        }
        if (record.agentAddress() != null) {
            agent.getNetwork().setAddress(record.agentAddress()).setType(AuditEvent.AuditEventAgentNetworkType._2);
        }
        if (record.agentOrganization() != null) {
            boolean insurer = "insurer".equals(record.agentRole());
            event.addAgent().setRequestor(false)
                    .setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-RoleClass",
                            insurer ? "PAYOR" : "PROV", insurer ? "payor" : "healthcare provider")))
                    .setWho(new Reference().setIdentifier(new Identifier()
                            .setSystem(insurer ? CityIdentifiers.INSURER_CODE : CityIdentifiers.HOSPITAL_CODE)
                            .setValue(record.agentOrganization())));
        }
        event.getSource().setObserver(new Reference().setDisplay("OneCity " + record.source()))
                .addType(new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server"));

        if (record.personValue() != null) {
            // a relayed entry names the person only: the service saw no Patient record of the city record
            List<String> patients = record.patientRefs().isEmpty() ? java.util.Collections.singletonList(null) : record.patientRefs();
            for (String patient : patients) {
                event.addEntity().setWhat(new Reference(patient)
                                .setIdentifier(new Identifier().setSystem(record.personSystem()).setValue(record.personValue())))
                        .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"))
                        .setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"));
            }
        }
        event.addEntity().setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"))
                .setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "24", "Query"))
                .setDescription(record.what())
                .setQuery(record.what().getBytes(StandardCharsets.UTF_8));
        return event;
    }

    private static String purposeDisplay(String code) {
        return switch (code) {
            case "TREAT" -> "treatment";
            case "BTG" -> "break the glass";
            case "PATRQT" -> "patient requested";
            case "HPAYMT" -> "healthcare payment";
            default -> "healthcare operations";
        };
    }
}
