package org.onecity.fhir.support;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The bureau's view of the links between hospitals' Patient records and city patients ($mdm-query-links). Matching
 * runs after a push commits, so tests wait for the link they expect.
 */
public final class CityPatientLinks {

    public record Link(String cityPatient, String record, String matchResult, String linkSource) {
    }

    private final IGenericClient bureau;

    public CityPatientLinks(CityRecordClient city) {
        this.bureau = city.admin();
    }

    public List<Link> of(String patientId) {
        Parameters links = bureau.operation().onServer().named("$mdm-query-links")
                .withParameter(Parameters.class, "resourceId", new StringType("Patient/" + patientId))
                .useHttpGet().execute();
        return links.getParameter().stream().filter(p -> "link".equals(p.getName()))
                .map(link -> new Link(part(link, "goldenResourceId"), part(link, "sourceResourceId"),
                        part(link, "matchResult"), part(link, "linkSource")))
                .toList();
    }

    /** The city patient a hospital's record is linked to, once matching has linked it. */
    public String awaitCityPatient(String patientId) {
        return await(patientId, "MATCH").cityPatient();
    }

    public Link await(String patientId, String matchResult) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> find(patientId, matchResult), Optional::isPresent).orElseThrow();
    }

    private Optional<Link> find(String patientId, String matchResult) {
        return of(patientId).stream()
                .filter(l -> l.record().equals(patientId) && l.matchResult().equals(matchResult))
                .findFirst();
    }

    private static String part(Parameters.ParametersParameterComponent link, String name) {
        return link.getPart().stream().filter(p -> name.equals(p.getName())).findFirst()
                .map(p -> p.getValue().primitiveValue()).map(v -> v.contains("/") ? new IdType(v).getIdPart() : v)
                .orElse(null);
    }
}
