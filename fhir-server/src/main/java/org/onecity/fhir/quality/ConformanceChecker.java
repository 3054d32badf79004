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

    public ConformanceChecker(FhirContext fhirContext, List<StructureDefinition> profiles) {
        this.core = new DefaultProfileValidationSupport(fhirContext);
        PrePopulatedValidationSupport profileSupport = new PrePopulatedValidationSupport(fhirContext);
        profiles = profiles.stream().map(StructureDefinition::copy).toList();
        profiles.forEach(profileSupport::addStructureDefinition);
        ValidationSupportChain chain = new ValidationSupportChain(core, profileSupport,
                new SnapshotGeneratingValidationSupport(fhirContext));
        HapiWorkerContext worker = new HapiWorkerContext(fhirContext, chain);
        this.fhirPath = ThreadLocal.withInitial(() -> new FHIRPathEngine(worker));
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
        if (structure == null) {
            problems.add(new Problem(path, "Unknown resource type " + resource.fhirType()));
            return problems;
        }
        evaluate(structure.rootInvariants(), resource, resource, path, problems);
        walk(resource, structure.type(), path, structure, resource, problems);
        return problems;
    }

    private void walk(Base value, String definitionPath, String instancePath, CompiledStructure structure,
            Resource root, List<Problem> problems) {
        for (CompiledStructure.Rule rule : structure.childrenOf(definitionPath)) {
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
                checkValue(child, rule, childPath, structure, root, problems);
            }
        }
    }

    private void checkValue(Base child, CompiledStructure.Rule rule, String childPath, CompiledStructure structure,
            Resource root, List<Problem> problems) {
        if (child instanceof PrimitiveType<?> primitive) {
            String text = primitive.getValueAsString();
            if (text != null && text.length() > MAX_STRING && !(primitive instanceof Base64BinaryType)) {
                problems.add(new Problem(childPath, "is " + text.length() + " characters long; FHIR strings are at most "
                        + "1 MiB (send a document as an Attachment's data)"));
                return;
            }
            if (primitive.getValue() == null && primitive.getValueAsString() != null) {
                problems.add(new Problem(childPath, "'" + primitive.getValueAsString() + "' is not a valid "
                        + child.fhirType() + " for " + rule.path()));
            }
            evaluate(rule.invariants(), child, root, childPath, problems);
            return;
        }
        if (child instanceof Resource) {
            return; // a contained or bundled resource is checked as a resource of its own
        }
        evaluate(rule.invariants(), child, root, childPath, problems);
        if (structure.hasChildren(rule.definition())) {
            walk(child, rule.definition(), childPath, structure, root, problems);
            return;
        }
        CompiledStructure datatype = coreStructure(child.fhirType());
        if (datatype != null) {
            evaluate(datatype.rootInvariants(), child, root, childPath, problems);
            walk(child, datatype.type(), childPath, datatype, root, problems);
        }
    }

    private void evaluate(List<CompiledStructure.Invariant> invariants, Base focus, Resource root, String path,
            List<Problem> problems) {
        for (CompiledStructure.Invariant invariant : invariants) {
            try {
                if (!fhirPath.get().evaluateToBoolean(null, root, root, focus, invariant.expression())) {
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
