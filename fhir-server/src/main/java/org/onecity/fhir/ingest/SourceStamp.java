package org.onecity.fhir.ingest;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.city.Hospital;
import org.onecity.fhir.server.RestInterceptor;

import java.util.Optional;

/**
 * Records on every stored resource which hospital sent it ({@code meta.source} and a source-hospital tag). Who may
 * change or delete a stored record is the access rules' decision, taken as it is stored (access.WriteGuard).
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
}
