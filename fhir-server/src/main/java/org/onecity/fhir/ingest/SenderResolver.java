package org.onecity.fhir.ingest;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.common.city.CityDirectory;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.city.Hospital;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds out which hospital a write comes from, as the request declares it: the {@code X-Request-Source} header
 * (HAPI's convention for a source URI), else the hospital's Organization in the Bundle, else the resource's
 * {@code meta.source}. A declaration naming no registered hospital, or two of them, is refused.
 */
public class SenderResolver {

    static final String SOURCE_HEADER = "X-Request-Source";

    private final CityDirectory city;

    public SenderResolver(CityDirectory city) {
        this.city = city;
    }

    public Hospital declaredSender(RequestDetails request) {
        Set<String> codes = new LinkedHashSet<>();
        String header = request.getHeader(SOURCE_HEADER);
        if (header != null && !header.isBlank()) {
            codes.add(codeFromSource(header));
        } else if (request.getResource() instanceof Bundle bundle) {
            bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(Organization.class::isInstance).map(Organization.class::cast)
                    .flatMap(o -> o.getIdentifier().stream())
                    .filter(id -> CityIdentifiers.HOSPITAL_CODE.equals(id.getSystem()))
                    .map(Identifier::getValue)
                    .forEach(codes::add);
        } else if (request.getResource() instanceof Resource resource && resource.getMeta().hasSource()) {
            codes.add(codeFromSource(resource.getMeta().getSource()));
        }
        if (codes.size() != 1) {
            throw new InvalidRequestException(codes.isEmpty()
                    ? "The sending hospital is not named: include the hospital's Organization (identifier "
                      + CityIdentifiers.HOSPITAL_CODE + ") in the Bundle, or send the header " + SOURCE_HEADER + ": "
                      + CityIdentifiers.HOSPITAL_SOURCE_PREFIX + "{hospital code}"
                    : "A write comes from one hospital, but this one names " + codes);
        }
        String code = codes.iterator().next();
        return city.hospital(code).orElseThrow(() ->
                new InvalidRequestException("Hospital " + code + " is not registered with the city"));
    }

    private static String codeFromSource(String source) {
        String withoutRequestId = source.contains("#") ? source.substring(0, source.indexOf('#')) : source;
        if (!withoutRequestId.startsWith(CityIdentifiers.HOSPITAL_SOURCE_PREFIX)) {
            throw new InvalidRequestException("Source " + source + " is not a city hospital ("
                    + CityIdentifiers.HOSPITAL_SOURCE_PREFIX + "{hospital code})");
        }
        return withoutRequestId.substring(CityIdentifiers.HOSPITAL_SOURCE_PREFIX.length());
    }
}
