package org.onecity.fhir.audit;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;
import org.onecity.fhir.access.PersonKey;
import org.onecity.fhir.access.Persons;
import org.onecity.fhir.server.CityResourceProvider;

import java.util.List;

/**
 * The access log as FHIR AuditEvents, read-only: a patient sees who looked at their records and when, with
 * break-glass accesses marked; the bureau sees all of it. Nobody can change or delete an entry through the API.
 */
public class AuditEventProvider implements CityResourceProvider {

    private static final int MAX = 500;

    private final AuditTrail trail;
    private final Persons persons;

    public AuditEventProvider(AuditTrail trail, Persons persons) {
        this.trail = trail;
        this.persons = persons;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return AuditEvent.class;
    }

    @Search
    public List<AuditEvent> search(@OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceParam patient) {
        CityPrincipal who = CityPrincipal.current().orElseThrow();
        List<AuditRecord> records;
        if (who.is(Role.PATIENT)) {
            PersonKey self = PersonKey.citizen(who.citizenId());
            records = trail.forPerson(self.system(), self.value(), MAX);
        } else if (patient != null) {
            PersonKey person = persons.personOfPatient(new IdType(patient.getValue()).getIdPart())
                    .orElseThrow(() -> new InvalidRequestException("No patient " + patient.getValue()));
            records = trail.forPerson(person.system(), person.value(), MAX);
        } else {
            records = trail.latest(MAX);
        }
        return records.stream().map(AuditEvents::toFhir).toList();
    }

    @Read
    public AuditEvent read(@IdParam IdType id) {
        AuditRecord record = id.isIdPartValidLong() ? trail.byId(id.getIdPartAsLong()) : null;
        CityPrincipal who = CityPrincipal.current().orElseThrow();
        if (record == null || who.is(Role.PATIENT) && !PersonKey.citizen(who.citizenId()).value().equals(record.personValue())) {
            throw new ResourceNotFoundException(id);
        }
        return AuditEvents.toFhir(record);
    }
}
