package org.onecity.fhir.ingest;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.city.Hospital;
import org.onecity.fhir.server.RestInterceptor;

import java.util.Optional;

/**
 * Records on every stored resource which hospital sent it ({@code meta.source} and a source-hospital tag),
 * and keeps a hospital from deleting what another hospital sent. (Updates by id are guarded before they reach
 * storage, by {@link OwnershipGuard}: under mass ingestion the storage layer does not load the previous version.)
 */
public class SourceStamp implements RestInterceptor {

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(IBaseResource resource, RequestDetails request) {
        Submission.of(request).ifPresent(s -> stamp((Resource) resource, s.hospital()));
    }

    /** HAPI passes the previous version first; under mass ingestion it is null. */
    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        Submission.of(request).ifPresent(s -> stamp((Resource) resource, s.hospital()));
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void deleted(IBaseResource resource, RequestDetails request) {
        Submission.of(request).ifPresent(s -> refuseUnlessOwnedBy((Resource) resource, s.hospital(), "delete"));
    }

    /** The hospital that sent a stored resource, from its tag. */
    public static Optional<String> sourceHospital(Resource resource) {
        Coding tag = resource.getMeta().getTag(CityIdentifiers.SOURCE_HOSPITAL_TAG, null);
        if (tag == null) {
            return resource.getMeta().getTag().stream()
                    .filter(t -> CityIdentifiers.SOURCE_HOSPITAL_TAG.equals(t.getSystem()))
                    .map(Coding::getCode).findFirst();
        }
        return Optional.ofNullable(tag.getCode());
    }

    private static void stamp(Resource resource, Hospital hospital) {
        resource.getMeta().setSource(hospital.sourceUri());
        resource.getMeta().getTag().removeIf(t -> CityIdentifiers.SOURCE_HOSPITAL_TAG.equals(t.getSystem()));
        resource.getMeta().addTag(CityIdentifiers.SOURCE_HOSPITAL_TAG, hospital.code(), hospital.name());
    }

    static void refuseUnlessOwnedBy(Resource stored, Hospital hospital, String action) {
        Optional<String> owner = sourceHospital(stored);
        if (owner.isPresent() && !owner.get().equals(hospital.code())) {
            throw new ForbiddenOperationException(hospital.code() + " may not " + action + " "
                    + stored.getIdElement().toUnqualifiedVersionless().getValue() + ", which hospital "
                    + owner.get() + " sent");
        }
    }
}
