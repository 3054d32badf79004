package org.onecity.fhir.quality;

import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.city.Hospital;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The business identifiers of a resource, with the FHIRPath of each. */
public final class Identifiers {

    public record Located(Identifier identifier, String path) {
    }

    private Identifiers() {
    }

    /**
     * Every business identifier, a DocumentReference's master identifier first; empty when the type has
     * no identifier element at all.
     */
    public static Optional<List<Located>> of(Resource resource) {
        List<Located> all = new ArrayList<>();
        if (resource instanceof DocumentReference document && document.hasMasterIdentifier()) {
            all.add(new Located(document.getMasterIdentifier(), ".masterIdentifier"));
        }
        Property property = resource.getNamedProperty("identifier");
        if (property == null && all.isEmpty()) {
            return Optional.empty();
        }
        if (property != null) {
            List<org.hl7.fhir.r4.model.Base> values = property.getValues();
            for (int i = 0; i < values.size(); i++) {
                all.add(new Located((Identifier) values.get(i), ".identifier[" + i + "]"));
            }
        }
        return Optional.of(all);
    }

    /**
     * The identifier a hospital's push of this resource is matched by: the first one issued under the sender's own
     * namespace (a DocumentReference's master identifier first), or a hospital Organization's city code. Any other
     * identifier may be shared by several records (a claim group, a visit number on every result).
     */
    public static Optional<Identifier> matchKey(Resource resource, Hospital sender) {
        return of(resource).orElse(List.of()).stream()
                .map(Located::identifier)
                .filter(Identifier::hasValue)
                .filter(id -> sender.issues(id.getSystem())
                        || resource instanceof Organization && CityIdentifiers.HOSPITAL_CODE.equals(id.getSystem()))
                .findFirst();
    }

    /** Where a missing identifier would go. */
    static String elementFor(Resource resource) {
        return resource instanceof DocumentReference ? ".masterIdentifier" : ".identifier";
    }
}
