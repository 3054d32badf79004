package org.onecity.fhir.ingest;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.city.Hospital;
import org.onecity.fhir.quality.Identifiers;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Makes a hospital's push idempotent whatever method its system uses: a plain POST of a resource that carries
 * the hospital's own business identifier becomes a conditional update on that identifier. Pushing the same
 * Bundle again then changes nothing, and an amended report becomes a new version of the same resource.
 * Conditional creates and updates the hospital wrote itself are left as they are.
 */
public final class ConditionalPush {

    private ConditionalPush() {
    }

    public static void apply(Bundle bundle, Hospital sender) {
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Bundle.BundleEntryRequestComponent request = entry.getRequest();
            if (entry.getResource() == null || request.getMethod() != Bundle.HTTPVerb.POST || request.hasIfNoneExist()) {
                continue;
            }
            businessIdentifier(entry.getResource(), sender).ifPresent(identifier -> {
                request.setMethod(Bundle.HTTPVerb.PUT);
                request.setUrl(entry.getResource().fhirType() + "?identifier=" + encode(identifier.getSystem())
                        + "%7C" + encode(identifier.getValue()));
            });
        }
    }

    /** The identifier a hospital's push is matched by: its hospital code for its Organization, else its own. */
    static Optional<Identifier> businessIdentifier(Resource resource, Hospital sender) {
        return Identifiers.of(resource).orElse(List.of()).stream()
                .map(Identifiers.Located::identifier)
                .filter(Identifier::hasValue)
                .filter(id -> sender.issues(id.getSystem())
                        || resource instanceof Organization && CityIdentifiers.HOSPITAL_CODE.equals(id.getSystem()))
                .findFirst();
    }

    /** A token's system or value, escaped as FHIR search requires and then URL-encoded. */
    static String encode(String part) {
        String escaped = part.replace("\\", "\\\\").replace("|", "\\|").replace(",", "\\,").replace("$", "\\$");
        return URLEncoder.encode(escaped, StandardCharsets.UTF_8);
    }
}
