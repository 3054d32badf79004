package org.onecity.fhir.ingest;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.city.Hospital;
import org.onecity.fhir.quality.Identifiers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What recognises a repeated push of a resource whose type has no {@code identifier} element (Provenance, AuditEvent,
 * Binary and the like), so that a replay creates nothing. In order:
 * <ol>
 * <li>the hospital's own key, the extension {@value #EXTENSION} ({@code valueString} or {@code valueIdentifier});</li>
 * <li>for a Provenance, what it is about and when: its targets and {@code recorded};</li>
 * <li>otherwise the resource's whole content.</li>
 * </ol>
 * References to other entries of the same push count by those entries' identity (their type and business identifier),
 * not by their {@code urn:uuid}, which an engine may make anew for every push. The key is the sender's: the same
 * content from two hospitals is two records. It is kept on the record as a tag of the system {@value #SYSTEM}.
 */
public final class IntakeKey {

    public static final String SYSTEM = CityIdentifiers.BASE + "/CodeSystem/intake-key";
    public static final String EXTENSION = CityIdentifiers.BASE + "/StructureDefinition/intake-key";

    private IntakeKey() {
    }

    /**
     * @param identityOf the identity of each entry of the push by its full URL ({@code Observation|system|value})
     * @return empty when the type has an identifier element: the identifier is its key
     */
    public static Optional<Coding> of(Resource resource, Hospital sender, Map<String, String> identityOf, FhirContext fhir) {
        if (Identifiers.of(resource).isPresent()) {
            return Optional.empty();
        }
        String basis = hospitalKey(resource).map(key -> "key:" + key)
                .orElseGet(() -> resource instanceof Provenance provenance ? subjectAndTime(provenance, identityOf)
                        : content(resource, identityOf, fhir));
        return Optional.of(new Coding(SYSTEM, digest(sender.code() + "\n" + resource.fhirType() + "\n" + basis), null));
    }

    /** The tag a stored record carries for its key, if it has one. */
    public static Optional<Coding> tagOf(Resource resource) {
        return resource.getMeta().getTag().stream().filter(t -> SYSTEM.equals(t.getSystem())).findFirst();
    }

    private static Optional<String> hospitalKey(Resource resource) {
        if (!(resource instanceof DomainResource domain)) {
            return Optional.empty();
        }
        Extension key = domain.getExtensionByUrl(EXTENSION);
        if (key == null || !key.hasValue()) {
            return Optional.empty();
        }
        return Optional.of(key.getValue() instanceof Identifier identifier
                ? identifier.getSystem() + "|" + identifier.getValue() : key.getValue().primitiveValue());
    }

    private static String subjectAndTime(Provenance provenance, Map<String, String> identityOf) {
        TreeSet<String> targets = new TreeSet<>();
        for (Reference target : provenance.getTarget()) {
            targets.add(identity(target, identityOf));
        }
        return "targets:" + String.join(",", targets) + "\nrecorded:" + provenance.getRecordedElement().getValueAsString();
    }

    private static String content(Resource resource, Map<String, String> identityOf, FhirContext fhir) {
        Resource copy = resource.copy();
        copy.setIdElement(null);
        copy.setMeta(null);
        for (Reference reference : fhir.newTerser().getAllPopulatedChildElementsOfType(copy, Reference.class)) {
            reference.setReference(identity(reference, identityOf));
        }
        return fhir.newJsonParser().encodeResourceToString(copy);
    }

    private static String identity(Reference reference, Map<String, String> identityOf) {
        String target = reference.getReference();
        if (target == null) {
            return reference.hasIdentifier() ? reference.getIdentifier().getSystem() + "|" + reference.getIdentifier().getValue()
                    : String.valueOf(reference.getDisplay());
        }
        return identityOf.getOrDefault(target, target);
    }

    private static String digest(String basis) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
