package org.onecity.fhir.audit;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
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
 * The access log as FHIR AuditEvents. A patient reads who looked at their data, in the city record, in billing and
 * in imaging, newest first, page by page, with break-glass marked; the bureau reads all of it. The hub's own
 * services relay their entries here ({@code PUT AuditEvent/{service}-{id}}); nobody changes or deletes an entry.
 */
public class AuditEventProvider implements CityResourceProvider {

    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;

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
    public IBundleProvider search(@OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceParam patient,
            @Offset Integer offset, @Count Integer count) {
        CityPrincipal who = CityPrincipal.current().orElseThrow();
        int from = offset == null ? 0 : Math.max(0, offset);
        int size = count == null || count <= 0 ? DEFAULT_PAGE : Math.min(MAX_PAGE, count);
        PersonKey person = null;
        if (who.is(Role.PATIENT)) {
            person = PersonKey.citizen(who.citizenId());
        } else if (patient != null) {
            person = persons.personOfPatient(new IdType(patient.getValue()).getIdPart())
                    .orElseThrow(() -> new InvalidRequestException("No patient " + patient.getValue()));
        }
        List<AuditRecord> records = person == null ? trail.latest(from, size)
                : trail.forPerson(person.system(), person.value(), from, size);
        int total = person == null ? trail.count() : trail.countForPerson(person.system(), person.value());
        SimpleBundleProvider page = new SimpleBundleProvider(records.stream().map(AuditEvents::toFhir).toList());
        // offsets, so that the server writes next links for this page of the log rather than caching the whole log
        page.setCurrentPageOffset(from);
        page.setCurrentPageSize(size);
        page.setSize(total);
        return page;
    }

    @Read
    public AuditEvent read(@IdParam IdType id) {
        AuditRecord record = id.isIdPartValidLong() ? trail.byId(id.getIdPartAsLong()) : null;
        CityPrincipal who = CityPrincipal.current().orElseThrow();
        PersonKey self = who.is(Role.PATIENT) ? PersonKey.citizen(who.citizenId()) : null;
        if (record == null || self != null
                && !(self.system().equals(record.personSystem()) && self.value().equals(record.personValue()))) {
            throw new ResourceNotFoundException(id);
        }
        return AuditEvents.toFhir(record);
    }

    /**
     * An entry relayed by one of the hub's services, under its own id: a service writes only ids of its own
     * ({@code billing-...} for onecity-billing), and the same id twice is recorded once.
     */
    @Update
    public MethodOutcome relay(@IdParam IdType id, @ResourceParam AuditEvent event) {
        CityPrincipal who = CityPrincipal.current().orElseThrow();
        String service = who.clientId() == null ? "" : who.clientId().replaceFirst("^onecity-", "");
        if (!who.is(Role.ADMIN) && !(who.is(Role.SERVICE) && id.getIdPart().startsWith(service + "-"))) {
            throw new ForbiddenOperationException("Only the hub's services relay access-log entries, each under its own ids");
        }
        AuditRecord record = RelayedEntries.toRecord(id.getIdPart(), event, who, persons);
        trail.append(List.of(record));
        return new MethodOutcome(new IdType("AuditEvent", id.getIdPart()), false);
    }
}
