package org.onecity.fhir.quality;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.hapi.ctx.HapiWorkerContext;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a resource against the FHIR R4 definition of its type, or against the OneCity profile where the city
 * has one: every element's cardinality, every value a valid value of its primitive type and code list, and
 * every error-level invariant of the definitions (FHIRPath, compiled once). This is the part of FHIR validation
 * that needs no terminology server, at a small fraction of the cost of HAPI's general-purpose validator, which
 * rebuilds its whole machinery for every resource.
 */
public final class ConformanceChecker {

    private static final Logger log = LoggerFactory.getLogger(ConformanceChecker.class);
    private static final String CORE = "http://hl7.org/fhir/StructureDefinition/";
    /** FHIR: "strings SHALL NOT exceed 1MB in size"; base64Binary is not a string. */
    static final int MAX_STRING = 1 << 20;

    private final DefaultProfileValidationSupport core;
    /**
     * One FHIRPath engine per thread: an engine keeps state between evaluations (the log that R4's own invariants
     * write with trace()), so pushes checked at the same time on one engine corrupt each other.
     */
    private final ThreadLocal<FHIRPathEngine> fhirPath;
    private final Map<String, CompiledStructure> coreByType = new ConcurrentHashMap<>();
    private final Map<String, CompiledStructure> profileByType = new ConcurrentHashMap<>();
    private final PrimitiveFormats formats;

    public ConformanceChecker(FhirContext fhirContext, List<StructureDefinition> profiles) {
        this.core = new DefaultProfileValidationSupport(fhirContext);
        PrePopulatedValidationSupport profileSupport = new PrePopulatedValidationSupport(fhirContext);
        profiles = profiles.stream().map(StructureDefinition::copy).toList();
        profiles.forEach(profileSupport::addStructureDefinition);
        ValidationSupportChain chain = new ValidationSupportChain(core, profileSupport,
                new SnapshotGeneratingValidationSupport(fhirContext));
        HapiWorkerContext worker = new HapiWorkerContext(fhirContext, chain);
        this.fhirPath = ThreadLocal.withInitial(() -> new FHIRPathEngine(worker));
        this.formats = new PrimitiveFormats(core);
        for (StructureDefinition profile : profiles) {
            StructureDefinition snapshot = (StructureDefinition) chain.generateSnapshot(
                    new ValidationSupportContext(chain), profile, profile.getUrl(), profile.getUrl(), profile.getName());
            profileByType.put(profile.getType(), new CompiledStructure(snapshot, fhirPath.get()));
        }
    }

    /** The profile URL a resource of this type is checked against, if the city has one. */
    public boolean hasProfileFor(String type) {
        return profileByType.containsKey(type);
    }

    /** @param path where the resource sits in what was sent, e.g. {@code Bundle.entry[3].resource} */
    public List<Problem> check(Resource resource, String path) {
        List<Problem> problems = new ArrayList<>();
        CompiledStructure structure = profileByType.get(resource.fhirType());
        if (structure == null) {
            structure = coreStructure(resource.fhirType());
        }
        checkResource(resource, resource, structure, path, problems);
        return problems;
    }

    /** A resource, or a resource contained in {@code root}, which is judged by its type's R4 definition alone. */
    private void checkResource(Resource resource, Resource root, CompiledStructure structure, String path,
            List<Problem> problems) {
        if (structure == null) {
            problems.add(new Problem(path, "Unknown resource type " + resource.fhirType()));
            return;
        }
        Scope scope = new Scope(resource, root);
        evaluate(structure.rootInvariants(), resource, scope, path, problems);
        walk(resource, structure.type(), path, structure, scope, problems);
    }

    /** The resources FHIRPath's {@code %resource} and {@code %rootResource} name while a resource is checked. */
    private record Scope(Resource resource, Resource root) {
    }

    private void walk(Base value, String definitionPath, String instancePath, CompiledStructure structure,
            Scope scope, List<Problem> problems) {
        for (CompiledStructure.Rule rule : structure.childrenOf(definitionPath)) {
            if (rule.xhtml()) {
                continue; // a narrative's div is not a property of the model: NarrativeRules judge it with its narrative
            }
            Property property = value.getNamedProperty(rule.name());
            List<Base> values = property == null ? List.of() : populated(property.getValues());
            if (values.size() < rule.min()) {
                problems.add(new Problem(instancePath, rule.path() + ": minimum required = " + rule.min()
                        + ", but only found " + values.size()));
            }
            if (rule.max() >= 0 && values.size() > rule.max()) {
                problems.add(new Problem(instancePath, rule.path() + ": max allowed = " + rule.max()
                        + ", but found " + values.size()));
            }
            for (int i = 0; i < values.size(); i++) {
                Base child = values.get(i);
                String childPath = instancePath + "." + instanceName(rule, child) + (rule.repeats() ? "[" + i + "]" : "");
                checkValue(child, rule, childPath, structure, scope, problems);
            }
        }
    }

    private void checkValue(Base child, CompiledStructure.Rule rule, String childPath, CompiledStructure structure,
            Scope scope, List<Problem> problems) {
        if (child instanceof PrimitiveType<?> primitive) {
            String text = primitive.getValueAsString();
            if (text != null && text.length() > MAX_STRING && !(primitive instanceof Base64BinaryType)) {
                problems.add(new Problem(childPath, "is " + text.length() + " characters long; FHIR strings are at most "
                        + "1 MiB (send a document as an Attachment's data)"));
                return;
            }
            if (primitive.getValue() == null && primitive.getValueAsString() != null
                    || text != null && !wellFormed(primitive, text)) {
                problems.add(new Problem(childPath, "'" + primitive.getValueAsString() + "' is not a valid "
                        + child.fhirType() + " for " + rule.path()));
            }
            evaluate(rule.invariants(), child, scope, childPath, problems);
            checkExtensionsOf(primitive, childPath, scope, problems);
            return;
        }
        if (child instanceof Resource contained) {
            // a bundled resource is checked as a resource of its own; a contained one here, by its R4 type
            if ("contained".equals(rule.name())) {
                checkResource(contained, scope.root(), coreStructure(contained.fhirType()), childPath, problems);
            }
            return;
        }
        evaluate(rule.invariants(), child, scope, childPath, problems);
        if (child instanceof Narrative narrative) {
            NarrativeRules.check(narrative, childPath, problems);
        }
        if (structure.hasChildren(rule.definition())) {
            walk(child, rule.definition(), childPath, structure, scope, problems);
            return;
        }
        CompiledStructure datatype = coreStructure(rule.structureFor(child.fhirType()));
        if (datatype != null) {
            evaluate(datatype.rootInvariants(), child, scope, childPath, problems);
            walk(child, datatype.type(), childPath, datatype, scope, problems);
        }
    }

    /**
     * Whether the value as the sender wrote it has its type's lexical form. A resource's id is held with more than the
     * sender wrote: its type from the URL of an update ({@code Patient/1}), or, in a bundle, its entry's full URL
     * ({@code urn:uuid:...}), which is no id of the sender's at all.
     */
    private boolean wellFormed(PrimitiveType<?> primitive, String text) {
        if (primitive instanceof IdType id) {
            return text.startsWith("urn:") || id.getIdPart() == null || formats.matches("id", id.getIdPart());
        }
        return formats.matches(primitive.fhirType(), text);
    }

    /** A primitive's own extensions are elements like any other (ext-1, and the value's type). */
    private void checkExtensionsOf(PrimitiveType<?> primitive, String path, Scope scope, List<Problem> problems) {
        if (!primitive.hasExtension()) {
            return;
        }
        CompiledStructure element = coreStructure("Element");
        if (element != null) {
            walk(primitive, "Element", path, element, scope, problems);
        }
    }

    /**
     * An invariant holds unless it evaluates to false. An empty result is not a failure: R4's FHIRPath engine
     * answers empty where HL7's validator answers true (ref-1 on a reference by display or identifier alone, whose
     * {@code reference.startsWith('#')} has no string to test).
     */
    private void evaluate(List<CompiledStructure.Invariant> invariants, Base focus, Scope scope, String path,
            List<Problem> problems) {
        for (CompiledStructure.Invariant invariant : invariants) {
            try {
                List<Base> result = fhirPath.get().evaluate(null, scope.resource(), scope.root(), focus, invariant.expression());
                if (!result.isEmpty() && !fhirPath.get().convertToBoolean(result)) {
                    problems.add(new Problem(path, invariant.key() + ": " + invariant.human()));
                }
            } catch (FHIRException | UnsupportedOperationException e) {
                // an invariant the engine cannot evaluate (e.g. narrative checks) is not held against the sender
                log.debug("Invariant {} not evaluated at {}: {}", invariant.key(), path, e.getMessage());
            }
        }
    }

    private CompiledStructure coreStructure(String type) {
        CompiledStructure compiled = coreByType.get(type);
        if (compiled != null) {
            return compiled;
        }
        StructureDefinition definition = (StructureDefinition) core.fetchStructureDefinition(CORE + type);
        if (definition == null || !definition.hasSnapshot()) {
            return null;
        }
        compiled = new CompiledStructure(definition, fhirPath.get());
        coreByType.put(type, compiled);
        return compiled;
    }

    private static List<Base> populated(List<Base> values) {
        if (values.isEmpty()) {
            return values;
        }
        List<Base> populated = new ArrayList<>(values.size());
        for (Base value : values) {
            if (value != null && !value.isEmpty()) {
                populated.add(value);
            }
        }
        return populated;
    }

    /** {@code value[x]} holding a Quantity is {@code valueQuantity} in the instance. */
    private static String instanceName(CompiledStructure.Rule rule, Base value) {
        String name = rule.name();
        if (!name.endsWith("[x]")) {
            return name;
        }
        String type = value.fhirType();
        return name.substring(0, name.length() - 3) + Character.toUpperCase(type.charAt(0)) + type.substring(1);
    }
}
