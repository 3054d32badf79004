package org.onecity.fhir.ingest;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.common.city.Hospital;
import org.onecity.fhir.quality.Identifiers;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a hospital's push idempotent whatever method its system uses. A POST entry of a transaction or batch becomes
 * a conditional update on what recognises the record: its match key (the hospital's own identifier, see
 * {@link Identifiers#matchKey}), or for a type without identifiers its {@link IntakeKey}. Pushing the same Bundle
 * again then changes nothing, and an amended report becomes a new version of the same resource. A plain POST of a
 * single resource becomes a conditional create on the same key: repeated, it creates nothing. Conditional creates and
 * updates the hospital wrote itself are left as they are.
 */
public final class ConditionalPush {

    private ConditionalPush() {
    }

    public static void apply(Bundle bundle, Hospital sender, FhirContext fhir) {
        Map<String, String> identityOf = identities(bundle, sender);
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Bundle.BundleEntryRequestComponent request = entry.getRequest();
            if (entry.getResource() == null || request.getMethod() != Bundle.HTTPVerb.POST || request.hasIfNoneExist()) {
                continue;
            }
            matchUrl(entry.getResource(), sender, identityOf, fhir).ifPresent(url -> {
                request.setMethod(Bundle.HTTPVerb.PUT);
                request.setUrl(url);
            });
        }
    }

    /** The conditional URL a plain create of this resource is made conditional on. */
    public static Optional<String> forCreate(Resource resource, Hospital sender, FhirContext fhir) {
        return matchUrl(resource, sender, Map.of(), fhir);
    }

    /** Finds the record by its match key, or by its intake key, which it then carries as a tag. */
    private static Optional<String> matchUrl(Resource resource, Hospital sender, Map<String, String> identityOf,
            FhirContext fhir) {
        Optional<Identifier> identifier = Identifiers.matchKey(resource, sender);
        if (identifier.isPresent()) {
            return Optional.of(resource.fhirType() + "?identifier=" + token(identifier.get().getSystem(), identifier.get().getValue()));
        }
        return IntakeKey.of(resource, sender, identityOf, fhir).map(key -> {
            resource.getMeta().getTag().removeIf(t -> IntakeKey.SYSTEM.equals(t.getSystem()));
            resource.getMeta().addTag(key);
            return resource.fhirType() + "?_tag=" + token(key.getSystem(), key.getCode());
        });
    }

    /** Each entry's identity by its full URL, so that a key does not depend on an engine's new urn:uuids. */
    private static Map<String, String> identities(Bundle bundle, Hospital sender) {
        Map<String, String> identities = new HashMap<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.hasFullUrl() && entry.getResource() != null) {
                Identifiers.matchKey(entry.getResource(), sender).ifPresent(id -> identities.put(entry.getFullUrl(),
                        entry.getResource().fhirType() + "|" + id.getSystem() + "|" + id.getValue()));
            }
        }
        return identities;
    }

    private static String token(String system, String value) {
        return encode(system) + "%7C" + encode(value);
    }

    /** A token's system or value, escaped as FHIR search requires and then URL-encoded. */
    static String encode(String part) {
        String escaped = part.replace("\\", "\\\\").replace("|", "\\|").replace(",", "\\,").replace("$", "\\$");
        return URLEncoder.encode(escaped, StandardCharsets.UTF_8);
    }
}
