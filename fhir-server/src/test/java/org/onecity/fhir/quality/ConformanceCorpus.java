package org.onecity.fhir.quality;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.fhir.support.GuideAdaptation;
import org.onecity.fhir.support.HospitalFeed;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Resources valid and invalid, as JSON a hospital would send: one of every type a hospital pushes (from an
 * exporter-shaped history adapted as the integration guide asks, the directory, the door's own feed, an opt-out
 * Consent and a Coverage), each also with every generated edge case applied (narratives good and bad, contained
 * resources, display-only and identifier-only references, extensions on primitives and nested ones, choice types,
 * missing required elements, bad codes, bad primitive formats), and a few cases that only some types can carry.
 */
final class ConformanceCorpus {

    /** @param valid what FHIR R4 and the OneCity profiles say of it, as the corpus intends it */
    record Case(String name, String type, String json, boolean valid) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Synthea writes this participant type, which R4's own code system (a complete one) does not define. */
    static final String NEWER_TERMINOLOGY = "Provenance with an agent type its R4 code system does not define";
    static final String NO_NAMESPACE = " with a narrative that declares no namespace";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String XHTML = "http://www.w3.org/1999/xhtml";
    private static final String EXT = "http://example.org/fhir/StructureDefinition/";

    private final FhirContext fhir;
    private final List<Case> cases = new ArrayList<>();

    private ConformanceCorpus(FhirContext fhir) {
        this.fhir = fhir;
    }

    static List<Case> build(FhirContext fhir) {
        ConformanceCorpus corpus = new ConformanceCorpus(fhir);
        for (Resource resource : oneOfEachType()) {
            corpus.everyEdgeCase(resource);
        }
        corpus.typeSpecificCases(oneOfEachType());
        return corpus.cases;
    }

    /** One resource of each type a hospital pushes, in the order first met. */
    static List<Resource> oneOfEachType() {
        Map<String, Resource> byType = new LinkedHashMap<>();
        List<Bundle> sources = List.of(GuideAdaptation.directory("H001"), GuideAdaptation.history("H001", 1, 1),
                new HospitalFeed("H001").history(1, HospitalFeed.Shape.SMALL));
        for (Bundle bundle : sources) {
            bundle.getEntry().forEach(e -> byType.putIfAbsent(e.getResource().fhirType(), e.getResource()));
        }
        byType.put("Consent", optOut());
        byType.put("Coverage", coverage());
        return new ArrayList<>(byType.values());
    }

    private void everyEdgeCase(Resource resource) {
        String type = resource.fhirType();
        ObjectNode base = tree(resource);
        add(type + " as sent", type, base, true);

        // narratives
        add(type + " with a generated narrative", type, with(base, r -> r.set("text", narrative("generated",
                "<p><b>Summary</b>: as recorded</p><table><tr><th>a</th><td>1</td></tr></table>"))), true);
        add(type + " with an additional narrative with a link and styled text", type, with(base, r -> r.set("text",
                narrative("additional", "<a href=\"https://hospital.example/record\">record</a> <span style=\"color: red\">"
                        + "urgent</span><ul><li>one</li></ul><br/>"))), true);
        add(type + NO_NAMESPACE, type, with(base, r -> r.set("text",
                text("generated", "<div>no namespace</div>"))), false);
        add(type + " with a narrative in another namespace", type, with(base, r -> r.set("text",
                text("generated", "<div xmlns=\"urn:example:not-xhtml\">other namespace</div>"))), false);
        add(type + " with a narrative holding a script", type, with(base, r -> r.set("text",
                narrative("generated", "x<script>alert(1)</script>"))), false);
        add(type + " with a narrative holding an event handler", type, with(base, r -> r.set("text",
                narrative("generated", "<p onclick=\"alert(1)\">x</p>"))), false);
        add(type + " with an empty narrative", type, with(base, r -> r.set("text", narrative("generated", " "))), false);
        add(type + " with a narrative whose root is not a div", type, with(base, r -> r.set("text",
                text("generated", "<p xmlns=\"" + XHTML + "\">x</p>"))), false);
        add(type + " with a narrative without status", type, with(base, r -> {
            ObjectNode text = narrative("generated", "x");
            text.remove("status");
            r.set("text", text);
        }), false);

        // contained resources and references
        add(type + " with a contained practitioner it refers to", type, with(base, r -> {
            contained(r).add(containedPractitioner("p1"));
            extensions(r).add(extension("seen-by").set("valueReference", JSON.createObjectNode().put("reference", "#p1")));
        }), true);
        add(type + " with a display-only reference", type, with(base, r -> extensions(r).add(extension("seen-by")
                .set("valueReference", JSON.createObjectNode().put("display", "Dr X")))), true);
        add(type + " with an identifier-only reference", type, with(base, r -> {
            ObjectNode reference = JSON.createObjectNode().put("type", "Practitioner");
            reference.set("identifier", JSON.createObjectNode().put("system", "http://hl7.org/fhir/sid/us-npi").put("value", "9999000001"));
            extensions(r).add(extension("seen-by").set("valueReference", reference));
        }), true);
        add(type + " referring to a contained resource that is not there", type, with(base, r -> extensions(r)
                .add(extension("seen-by").set("valueReference", JSON.createObjectNode().put("reference", "#nobody")))), false);
        add(type + " with a contained resource nothing refers to", type, with(base, r ->
                contained(r).add(containedPractitioner("p1"))), false);
        add(type + " with a contained resource that contains another", type, with(base, r -> {
            ObjectNode outer = containedPractitioner("p1");
            outer.set("contained", JSON.createArrayNode().add(containedPractitioner("p2")));
            contained(r).add(outer);
            extensions(r).add(extension("seen-by").set("valueReference", JSON.createObjectNode().put("reference", "#p1")));
        }), false);
        add(type + " with a contained resource that carries a version", type, with(base, r -> {
            ObjectNode contained = containedPractitioner("p1");
            contained.set("meta", JSON.createObjectNode().put("versionId", "3"));
            contained(r).add(contained);
            extensions(r).add(extension("seen-by").set("valueReference", JSON.createObjectNode().put("reference", "#p1")));
        }), false);
        add(type + " with a contained resource that breaks its own rules", type, with(base, r -> {
            contained(r).add(containedPractitioner("p1").put("gender", "unknown-ish"));
            extensions(r).add(extension("seen-by").set("valueReference", JSON.createObjectNode().put("reference", "#p1")));
        }), false);

        // extensions
        String primitive = firstPrimitive(base);
        if (primitive != null) {
            add(type + " with an extension on a primitive (" + primitive + ")", type, with(base, r -> r.set("_" + primitive,
                    JSON.createObjectNode().set("extension", JSON.createArrayNode().add(extension("note").put("valueString", "checked"))))), true);
            add(type + " with an empty string (" + primitive + ")", type, with(base, r -> r.put(primitive, "")), false);
        }
        add(type + " with nested extensions", type, with(base, r -> {
            ObjectNode complex = extension("complex");
            complex.set("extension", JSON.createArrayNode()
                    .add(JSON.createObjectNode().put("url", "part-a").put("valueString", "a"))
                    .add(JSON.createObjectNode().put("url", "part-b").set("valueCoding",
                            JSON.createObjectNode().put("system", "http://loinc.org").put("code", "718-7"))));
            extensions(r).add(complex);
        }), true);
        add(type + " with an extension without a url", type, with(base, r -> extensions(r)
                .add(JSON.createObjectNode().put("valueString", "x"))), false);
        add(type + " with an extension with neither value nor extensions", type, with(base, r -> extensions(r)
                .add(extension("empty"))), false);
        add(type + " with an extension with a value and extensions", type, with(base, r -> {
            ObjectNode both = extension("both").put("valueString", "x");
            both.set("extension", JSON.createArrayNode().add(JSON.createObjectNode().put("url", "a").put("valueString", "a")));
            extensions(r).add(both);
        }), false);
        add(type + " with an extension whose value is not of its type", type, with(base, r -> extensions(r)
                .add(extension("when").put("valueDateTime", "yesterday"))), false);

        // structure, codes and primitive formats
        add(type + " with an element FHIR does not define", type, with(base, r -> r.put("colour", "blue")), false);
        String required = firstRequired(type, base);
        if (required != null) {
            add(type + " without its required " + required, type, with(base, r -> r.remove(required)), false);
        }
        if (base.has("status") && base.get("status").isTextual()) {
            add(type + " with a status outside its required value set", type, with(base, r -> r.put("status", "bogus")), false);
        }
        add(type + " with a last-updated time without a time zone", type, with(base, r -> r.set("meta",
                JSON.createObjectNode().put("lastUpdated", "2024-01-01T10:00:00"))), false);
        add(type + " with an id that is not an id", type, with(base, r -> r.put("id", "has spaces and is_too_long"
                + "_".repeat(60))), false);
        String choice = firstChoice(type, base);
        if (choice != null) {
            add(type + " with a choice element of a type it does not allow (" + choice + ")", type, with(base, r -> {
                JsonNode value = r.remove(choice);
                r.set(choice.replaceAll("[A-Z][A-Za-z]*$", "") + "Signature", value);
            }), false);
        }
    }

    private void typeSpecificCases(List<Resource> resources) {
        for (Resource resource : resources) {
            ObjectNode base = tree(resource);
            String type = resource.fhirType();
            switch (type) {
                case "Observation" -> {
                    add("Observation with a display-only performer", type, with(base, r -> r.set("performer",
                            JSON.createArrayNode().add(JSON.createObjectNode().put("display", "Dr X")))), true);
                    add("Observation with a performer by identifier only", type, with(base, r -> {
                        ObjectNode performer = JSON.createObjectNode();
                        performer.set("identifier", JSON.createObjectNode().put("system", "http://hl7.org/fhir/sid/us-npi").put("value", "1"));
                        r.set("performer", JSON.createArrayNode().add(performer));
                    }), true);
                    add("Observation with a performer that names only its type", type, with(base, r -> r.set("performer",
                            JSON.createArrayNode().add(JSON.createObjectNode().put("type", "Practitioner")))), true);
                    add("Observation with a quantity comparator", type, with(base, r -> r.set("valueQuantity",
                            JSON.createObjectNode().put("value", 5).put("comparator", "<").put("unit", "mg/dL")
                                    .put("system", "http://unitsofmeasure.org").put("code", "mg/dL"))), true);
                    add("Observation with an unknown quantity comparator", type, with(base, r -> r.set("valueQuantity",
                            JSON.createObjectNode().put("value", 5).put("comparator", "~").put("unit", "mg/dL"))), false);
                    add("Observation with a code unit but no unit system (qty-3)", type, with(base, r -> r.set("valueQuantity",
                            JSON.createObjectNode().put("value", 5).put("code", "mg/dL"))), false);
                    add("Observation with a value and a data-absent reason (obs-6)", type, with(base, r -> r.set("dataAbsentReason",
                            concept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown"))), false);
                    add("Observation with a range value", type, with(base, r -> {
                        r.remove("valueQuantity");
                        ObjectNode range = JSON.createObjectNode();
                        range.set("low", JSON.createObjectNode().put("value", 1).put("unit", "g/dL"));
                        range.set("high", JSON.createObjectNode().put("value", 2).put("unit", "g/dL"));
                        r.set("valueRange", range);
                    }), true);
                    add("Observation with a range whose low is above its high (rng-2)", type, with(base, r -> {
                        r.remove("valueQuantity");
                        ObjectNode range = JSON.createObjectNode();
                        range.set("low", JSON.createObjectNode().put("value", 3).put("unit", "g/dL")
                                .put("system", "http://unitsofmeasure.org").put("code", "g/dL"));
                        range.set("high", JSON.createObjectNode().put("value", 2).put("unit", "g/dL")
                                .put("system", "http://unitsofmeasure.org").put("code", "g/dL"));
                        r.set("valueRange", range);
                    }), false);
                    add("Observation whose effective time is a period", type, with(base, r -> {
                        JsonNode when = r.remove("effectiveDateTime");
                        r.set("effectivePeriod", JSON.createObjectNode().set("start", when));
                    }), true);
                }
                case "MedicationRequest" -> add("MedicationRequest with a comparator on a simple quantity (sqty-1)", type,
                        with(base, r -> {
                            ObjectNode dose = JSON.createObjectNode();
                            dose.set("doseQuantity", JSON.createObjectNode().put("value", 1).put("comparator", "<").put("unit", "tablet"));
                            ((ObjectNode) r.withArray("dosageInstruction").get(0)).set("doseAndRate", JSON.createArrayNode().add(dose));
                        }), false);
                case "DocumentReference" -> {
                    add("DocumentReference with attachment data but no content type (att-1)", type, with(base, r ->
                            ((ObjectNode) r.withArray("content").get(0).get("attachment")).remove("contentType")), false);
                    add("DocumentReference with an attachment of 300 KB", type, with(base, r ->
                            ((ObjectNode) r.withArray("content").get(0).get("attachment")).put("data",
                                    java.util.Base64.getEncoder().encodeToString(new byte[300_000]))), true);
                    add("DocumentReference with attachment data that is not base64", type, with(base, r ->
                            ((ObjectNode) r.withArray("content").get(0).get("attachment")).put("data", "not base64!")), false);
                    add("DocumentReference with an attachment by URL with size and hash", type, with(base, r -> {
                        ObjectNode attachment = (ObjectNode) r.withArray("content").get(0).get("attachment");
                        attachment.remove("data");
                        attachment.put("url", "https://hospital.example/notes/1").put("size", 120)
                                .put("hash", "2jmj7l5rSw0yVb/vlWAYkK/YBwk=").put("title", "Note");
                    }), true);
                }
                case "Provenance" -> add(NEWER_TERMINOLOGY, type, with(base, r -> ((ObjectNode) r.withArray("agent").get(0)
                        .get("type").get("coding").get(0)).put("code", "transmitter")), false);
                case "Encounter" -> add("Encounter that ends before it starts (per-1)", type, with(base, r ->
                        ((ObjectNode) r.get("period")).put("end", "2000-01-01")), false);
                case "Patient" -> {
                    add("Patient with a birth date that is only extensions (data absent)", type, with(base, r -> {
                        r.remove("birthDate");
                        r.set("_birthDate", JSON.createObjectNode().set("extension", JSON.createArrayNode().add(
                                JSON.createObjectNode().put("url", "http://hl7.org/fhir/StructureDefinition/data-absent-reason")
                                        .put("valueCode", "unknown"))));
                    }), true);
                    add("Patient with a contact that has no details (pat-1)", type, with(base, r -> r.set("contact",
                            JSON.createArrayNode().add(JSON.createObjectNode().set("relationship", JSON.createArrayNode()
                                    .add(concept("http://terminology.hl7.org/CodeSystem/v2-0131", "N")))))), false);
                    add("Patient without citizen ID or insurance card (onecity-pat-1)", type, with(base, r -> {
                        ArrayNode kept = JSON.createArrayNode();
                        r.withArray("identifier").forEach(i -> {
                            if (!i.path("system").asText().startsWith(CityIdentifiers.BASE + "/sid/c")
                                    && !i.path("system").asText().startsWith(CityIdentifiers.BASE + "/sid/i")) {
                                kept.add(i);
                            }
                        });
                        r.set("identifier", kept);
                    }), false);
                }
                default -> {
                }
            }
        }
    }

    private void add(String name, String type, ObjectNode json, boolean valid) {
        cases.add(new Case(name, type, json.toString(), valid));
    }

    private ObjectNode tree(Resource resource) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(fhir.newJsonParser().encodeResourceToString(resource));
            tree.remove("id");
            return tree;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode with(ObjectNode base, Consumer<ObjectNode> change) {
        ObjectNode copy = base.deepCopy();
        change.accept(copy);
        return copy;
    }

    private static ArrayNode extensions(ObjectNode resource) {
        return resource.withArray("extension");
    }

    private static ArrayNode contained(ObjectNode resource) {
        return resource.withArray("contained");
    }

    private static ObjectNode extension(String name) {
        return JSON.createObjectNode().put("url", EXT + name);
    }

    private static ObjectNode narrative(String status, String xhtml) {
        return text(status, "<div xmlns=\"" + XHTML + "\">" + xhtml + "</div>");
    }

    private static ObjectNode text(String status, String div) {
        return JSON.createObjectNode().put("status", status).put("div", div);
    }

    private static ObjectNode containedPractitioner(String id) {
        ObjectNode practitioner = JSON.createObjectNode().put("resourceType", "Practitioner").put("id", id);
        practitioner.set("name", JSON.createArrayNode().add(JSON.createObjectNode().put("family", "Wang")));
        return practitioner;
    }

    private static ObjectNode concept(String system, String code) {
        ObjectNode concept = JSON.createObjectNode();
        concept.set("coding", JSON.createArrayNode().add(JSON.createObjectNode().put("system", system).put("code", code)));
        return concept;
    }

    /** The first top-level string element other than the resource type and id. */
    private static String firstPrimitive(ObjectNode resource) {
        for (Iterator<String> names = resource.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (resource.get(name).isTextual() && !name.equals("resourceType") && !name.equals("id")) {
                return name;
            }
        }
        return null;
    }

    /** The first element present that R4 requires (min 1) of this type. */
    private String firstRequired(String type, ObjectNode resource) {
        for (BaseRuntimeChildDefinition child : fhir.getResourceDefinition(type).getChildren()) {
            if (child.getMin() < 1) {
                continue;
            }
            for (Iterator<String> names = resource.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String element = child.getElementName().replace("[x]", "");
                if (name.equals(element) || child.getElementName().endsWith("[x]") && name.startsWith(element)) {
                    return name;
                }
            }
        }
        return null;
    }

    /** The first choice element ({@code value[x]}, {@code effective[x]}, ...) present. */
    private String firstChoice(String type, ObjectNode resource) {
        for (BaseRuntimeChildDefinition child : fhir.getResourceDefinition(type).getChildren()) {
            String element = child.getElementName();
            if (!element.endsWith("[x]")) {
                continue;
            }
            String prefix = element.substring(0, element.length() - 3);
            for (Iterator<String> names = resource.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (name.startsWith(prefix) && name.length() > prefix.length() && Character.isUpperCase(name.charAt(prefix.length()))) {
                    return name;
                }
            }
        }
        return null;
    }

    private static Consent optOut() {
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)));
        consent.addCategory(new CodeableConcept(new Coding(CityIdentifiers.CONSENT_KIND, CityIdentifiers.NO_CROSS_HOSPITAL_SHARING, null)));
        consent.setPatient(new Reference("Patient/1"));
        consent.getPolicyRule().setText("OneCity sharing of records across hospitals");
        consent.getProvision().setType(Consent.ConsentProvisionType.DENY);
        return consent;
    }

    private static Coverage coverage() {
        Coverage coverage = new Coverage();
        coverage.addIdentifier().setSystem(CityIdentifiers.hospitalNamespace("H001") + "coverage").setValue("COV-1");
        coverage.setStatus(Coverage.CoverageStatus.ACTIVE);
        coverage.setBeneficiary(new Reference("Patient/1"));
        coverage.addPayor(new Reference("Organization?identifier=" + CityIdentifiers.INSURER_CODE + "|CITY-FUND"));
        return coverage;
    }
}
