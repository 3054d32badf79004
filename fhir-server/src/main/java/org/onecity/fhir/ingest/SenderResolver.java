package org.onecity.fhir.ingest;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.common.city.CityDirectory;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.city.Hospital;
import org.onecity.common.security.CityPrincipal;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The hospital a write comes from is the hospital the caller's token is bound to. What the request itself names
 * (the {@code X-Request-Source} header, the hospital's Organization in the Bundle, {@code meta.source}) must agree:
 * a system cannot push as another hospital.
 */
public class SenderResolver {

    static final String SOURCE_HEADER = "X-Request-Source";

    private final CityDirectory city;
    private final boolean securityOff;

    /** @param securityOff only when security is off (to measure its cost) does the request's own word count */
    public SenderResolver(CityDirectory city, boolean securityOff) {
        this.city = city;
        this.securityOff = securityOff;
    }

    /** With security off, the hospital the request names; there is no token to bind it. */
    public Hospital declaredSender(RequestDetails request) {
        if (!securityOff) {
            throw new ForbiddenOperationException("Only a hospital system's token may push records");
        }
        Set<String> declared = declaredHospitals(request);
        if (declared.size() != 1) {
            throw new InvalidRequestException("Name the sending hospital with " + SOURCE_HEADER);
        }
        String code = declared.iterator().next();
        return city.hospital(code).orElseThrow(() -> new InvalidRequestException("Hospital " + code + " is not registered"));
    }

    /** The hospital a hospital system's token is bound to, if the city knows it. */
    public Optional<Hospital> registered(CityPrincipal who) {
        return who.hospital() == null ? Optional.empty() : city.hospital(who.hospital());
    }

    public Hospital sender(RequestDetails request, CityPrincipal who) {
        Hospital hospital = city.hospital(who.hospital()).orElseThrow(() -> new ForbiddenOperationException(
                "The token is bound to hospital " + who.hospital() + ", which is not registered with the city"));
        Set<String> declared = declaredHospitals(request);
        if (!declared.isEmpty() && !declared.equals(Set.of(hospital.code()))) {
            throw new ForbiddenOperationException("The token acts for " + hospital.code() + " but the request speaks for "
                    + declared + ": a hospital system pushes only its own hospital's records");
        }
        return hospital;
    }

    private static Set<String> declaredHospitals(RequestDetails request) {
        Set<String> codes = new LinkedHashSet<>();
        String header = request.getHeader(SOURCE_HEADER);
        if (header != null && !header.isBlank()) {
            codes.add(codeFromSource(header));
        }
        if (request.getResource() instanceof Bundle bundle) {
            bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(Organization.class::isInstance).map(Organization.class::cast)
                    .flatMap(o -> o.getIdentifier().stream())
                    .filter(id -> CityIdentifiers.HOSPITAL_CODE.equals(id.getSystem()))
                    .map(Identifier::getValue)
                    .forEach(codes::add);
        } else if (request.getResource() instanceof Resource resource && resource.getMeta().hasSource()
                && !resource.getMeta().getSource().startsWith("#")) {
            // "#..." is only the id of the request that stored a record read back: it names no source
            codes.add(codeFromSource(resource.getMeta().getSource()));
        }
        return codes;
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
