package org.onecity.batch.history;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.city.Hospital;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Turns a line of a hospital's Bulk Data export into a resource the city record accepts idempotently: it must be
 * a FHIR R4 resource carrying an identifier the hospital issues (its hospital code for its Organization), and its
 * references to other resources of the export ({@code Patient/123}) become conditional references on the business
 * identifiers those were stored by ({@code Patient?identifier=system|value}).
 */
public class HistoryLines {

    private final FhirContext fhir;
    private final Hospital hospital;
    private final BiFunction<String, String, Optional<Identifier>> stored;

    /** @param stored the business identifier a resource of the export (type, export id) was stored by */
    public HistoryLines(FhirContext fhir, Hospital hospital, BiFunction<String, String, Optional<Identifier>> stored) {
        this.fhir = fhir;
        this.hospital = hospital;
        this.stored = stored;
    }

    /** The record of the line; null for a blank line; a {@link BadLine} saying why the line cannot be imported. */
    public HistoryRecord read(NdjsonLine line) {
        if (line.text().isBlank()) {
            return null;
        }
        if (BoundedLines.tooLong(line.text())) {
            throw new BadLine("is " + line.text().substring(BoundedLines.TOO_LONG.length())
                    + " characters long, more than a line the import holds: split the resource or its attachments out");
        }
        IParser parser = fhir.newJsonParser();
        IBaseResource parsed;
        try {
            parsed = parser.parseResource(line.text());
        } catch (DataFormatException | ClassCastException e) {
            throw new BadLine("is not a FHIR R4 resource in JSON: " + firstLine(e.getMessage()));
        }
        if (!(parsed instanceof Resource resource)) {
            throw new BadLine("is not a FHIR R4 resource");
        }
        Identifier business = businessIdentifier(resource).orElseThrow(() -> new BadLine(resource.fhirType()
                + " carries no identifier issued by " + hospital.code() + ", so importing it again would duplicate it"));
        String sourceId = resource.getIdElement().getIdPart();
        for (Reference reference : fhir.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            resolve(reference);
        }
        resource.setId((String) null);
        return new HistoryRecord(line, resource, sourceId, business);
    }

    private void resolve(Reference reference) {
        String target = reference.getReference();
        if (target == null || target.contains("?") || target.startsWith("#") || target.contains("://")) {
            return;
        }
        String[] parts = target.split("/");
        if (parts.length != 2) {
            throw new BadLine("refers to " + target + ", which is not Type/id");
        }
        Identifier identifier = stored.apply(parts[0], parts[1]).orElseThrow(() -> new BadLine("refers to " + target
                + ", which is not in the history imported so far"));
        reference.setReference(parts[0] + "?identifier=" + encode(identifier.getSystem()) + "%7C"
                + encode(identifier.getValue()));
    }

    private Optional<Identifier> businessIdentifier(Resource resource) {
        return fhir.newTerser().getValues(resource, "identifier", Identifier.class).stream().filter(Identifier::hasValue)
                .filter(id -> hospital.issues(id.getSystem()) || resource instanceof Organization
                        && CityIdentifiers.HOSPITAL_CODE.equals(id.getSystem()) && hospital.code().equals(id.getValue()))
                .findFirst();
    }

    private static String encode(String part) {
        return URLEncoder.encode(part.replace("\\", "\\\\").replace("|", "\\|").replace(",", "\\,").replace("$", "\\$"),
                StandardCharsets.UTF_8);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
