package org.onecity.fhir.access;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;
import org.onecity.fhir.ingest.SourceStamp;
import org.onecity.fhir.quality.Identifiers;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides every write where every route passes: as the resource is stored. A create, an update by id or by
 * condition, either kind of PATCH, a transaction or batch entry, {@code $binary-access-write} and {@code $meta-add}
 * all reach storage through these hooks, with the stored previous version at hand. So the owner of a record is the
 * owner stored with it, never what a URL or a body claims:
 * <ul>
 * <li>a hospital system changes and deletes only what its hospital sent (its own Organization included);</li>
 * <li>a patient records and changes only Consents about themselves that no hospital sent;</li>
 * <li>the bureau writes anything; doctors and insurers write nothing.</li>
 * </ul>
 * The source-hospital tag is the city's: nobody but the bureau writes one other than their own. Registered on the
 * storage layer itself, not on the REST server, because {@code $meta-add} announces its writes only there.
 */
public class WriteGuard {

    private static final String HOSPITAL_NAMESPACES = CityIdentifiers.BASE + "/sid/hospital/";

    private final DaoRegistry daos;
    private final Persons persons;
    private final FhirContext fhirContext;

    WriteGuard(DaoRegistry daos, Persons persons, FhirContext fhirContext) {
        this.daos = daos;
        this.persons = persons;
        this.fhirContext = fhirContext;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void creating(IBaseResource resource, RequestDetails request) {
        judge(request, Interaction.CREATE, null, (Resource) resource);
    }

    /**
     * Under mass ingestion HAPI does not hand over the previous version; it is read here instead. A deleted record stays
     * deleted for everyone but the bureau: its id is not another caller's to take over.
     */
    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updating(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        RequestAccess access = admitted(request);
        if (access == null || access.unrestricted()) {
            return;
        }
        Resource stored = previous != null ? (Resource) previous : stored((Resource) resource);
        if (stored == null || isDeleted(stored)) {
            throw new ForbiddenOperationException(mayChangeOnly(access.principal()));
        }
        judge(request, Interaction.UPDATE, stored, (Resource) resource);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void deleting(IBaseResource resource, RequestDetails request) {
        judge(request, Interaction.DELETE, (Resource) resource, null);
    }

    private void judge(RequestDetails request, Interaction interaction, Resource previous, Resource next) {
        RequestAccess access = admitted(request);
        if (access == null || access.unrestricted()) {
            return;
        }
        CityPrincipal who = access.principal();
        String type = next != null ? next.fhirType() : previous.fhirType();
        if (AccessRules.decide(who, type, interaction) instanceof Verdict.Refused refused) {
            throw new ForbiddenOperationException(refused.reason());
        }
        switch (who.role()) {
            case HOSPITAL_SYSTEM -> hospitalWrites(who, previous, next);
            case PATIENT -> patientWrites(access, previous, next);
            default -> throw new ForbiddenOperationException("A " + who.role().claim() + " does not write the city record");
        }
    }

    /** The request's caller; null for the city's own work (matching, reindexing), which runs without a caller. */
    private static RequestAccess admitted(RequestDetails request) {
        Optional<RequestAccess> access = RequestAccess.of(request);
        if (access.isEmpty() && request instanceof ServletRequestDetails) {
            throw new ForbiddenOperationException("This request was not admitted by the access rules");
        }
        return access.orElse(null);
    }

    private void hospitalWrites(CityPrincipal who, Resource previous, Resource next) {
        String hospital = who.hospital();
        if (previous != null && !ownerOf(previous).map(hospital::equals).orElse(false)) {
            // the same words whoever sent it: a refusal never names another hospital's record's sender
            throw new ForbiddenOperationException(mayChangeOnly(who));
        }
        if (next == null) {
            return;
        }
        if (!Set.of(hospital).containsAll(claimedSources(next))) {
            throw new ForbiddenOperationException("The source-hospital tag is the city's: " + hospital
                    + " may not mark a record as sent by " + claimedSources(next));
        }
        // identifiers are how pushes find their records: a hospital issues its own only, by every route (PATCH too)
        for (Identifier identifier : identifiersOf(next)) {
            String system = identifier.getSystem() == null ? "" : identifier.getSystem();
            boolean anotherHospitals = system.startsWith(HOSPITAL_NAMESPACES)
                    && !system.startsWith(CityIdentifiers.hospitalNamespace(hospital));
            boolean anotherHospitalsCode = next instanceof Organization && CityIdentifiers.HOSPITAL_CODE.equals(system)
                    && !hospital.equals(identifier.getValue());
            if (anotherHospitals || anotherHospitalsCode) {
                throw new ForbiddenOperationException(hospital + " may not use another hospital's identifier " + system
                        + "|" + identifier.getValue());
            }
        }
        requireNoUnscopedConditionalReferences(who, next);
    }

    /**
     * A conditional reference is a search run as the record is stored. A hospital's were narrowed to its own records
     * at the door; one that arrives any other way (a PATCH that writes it) or from anyone else would search the city.
     */
    private void requireNoUnscopedConditionalReferences(CityPrincipal who, Resource next) {
        if (ConditionalScope.wasScopedAtTheDoor(next)) {
            return; // its references were narrowed as the request came in, and nothing has changed them since
        }
        for (Reference reference : fhirContext.newTerser().getAllPopulatedChildElementsOfType(next, Reference.class)) {
            String target = reference.getReference();
            if (target == null || !target.contains("?") || target.startsWith("#")) {
                continue;
            }
            String type = target.substring(0, target.indexOf('?'));
            boolean scoped = who.is(Role.HOSPITAL_SYSTEM)
                    && (ResourceKinds.isOpenToAllSignedIn(type) || target.endsWith(ConditionalScope.narrowingOf(who)));
            if (!scoped) {
                throw new ForbiddenOperationException("A conditional reference (" + target + ") searches the city record: "
                        + "refer to a record by its id, or push it as a hospital system in a transaction");
            }
        }
    }

    private static String mayChangeOnly(CityPrincipal who) {
        return switch (who.role()) {
            case HOSPITAL_SYSTEM -> who.hospital() + " may change only records it sent";
            case PATIENT -> "A patient changes only the Consents they recorded about themselves";
            default -> "A " + who.role().claim() + " does not write the city record";
        };
    }

    private static List<Identifier> identifiersOf(Resource resource) {
        return Identifiers.of(resource).orElse(List.of()).stream().map(Identifiers.Located::identifier).toList();
    }

    private void patientWrites(RequestAccess access, Resource previous, Resource next) {
        List<String> own = access.remember("own-patients", k -> persons.patientIdsOf(PersonKey.citizen(access.principal().citizenId())));
        if (previous != null && (!own.contains(consentPatient(previous)) || SourceStamp.sourceHospital(previous).isPresent())) {
            throw new ForbiddenOperationException(mayChangeOnly(access.principal()));
        }
        if (next != null && (!own.contains(consentPatient(next)) || !claimedSources(next).isEmpty())) {
            throw new ForbiddenOperationException("A patient records consent for their own records only");
        }
        if (next != null) {
            requireNoUnscopedConditionalReferences(access.principal(), next);
        }
    }

    /** The hospital that sent a stored record; a hospital's Organization is its own by its hospital code. */
    private static Optional<String> ownerOf(Resource stored) {
        return SourceStamp.sourceHospital(stored).or(() -> stored instanceof Organization organization
                ? organization.getIdentifier().stream()
                        .filter(id -> CityIdentifiers.HOSPITAL_CODE.equals(id.getSystem()) && id.hasValue())
                        .map(id -> id.getValue()).findFirst()
                : Optional.empty());
    }

    private static Set<String> claimedSources(Resource resource) {
        return resource.getMeta().getTag().stream()
                .filter(tag -> CityIdentifiers.SOURCE_HOSPITAL_TAG.equals(tag.getSystem()))
                .map(Coding::getCode).collect(Collectors.toSet());
    }

    private static String consentPatient(Resource resource) {
        if (resource instanceof Consent consent && consent.hasPatient() && consent.getPatient().hasReference()) {
            IdType patient = new IdType(consent.getPatient().getReference());
            return "Patient".equals(patient.getResourceType()) ? patient.getIdPart() : null;
        }
        return null;
    }

    private Resource stored(Resource resource) {
        try {
            return (Resource) daos.getResourceDao(resource.fhirType())
                    .read(resource.getIdElement().toUnqualifiedVersionless(), new SystemRequestDetails(), true);
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return null;
        }
    }

    private static boolean isDeleted(Resource stored) {
        return stored == null || ResourceMetadataKeyEnum.DELETED_AT.get(stored) != null;
    }
}
