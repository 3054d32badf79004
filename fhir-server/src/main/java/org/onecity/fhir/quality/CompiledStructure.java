package org.onecity.fhir.quality;

import org.hl7.fhir.r4.fhirpath.ExpressionNode;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The element rules of one StructureDefinition snapshot (R4 core or a OneCity profile), compiled once so that
 * checking a resource is a walk over its populated elements: cardinalities and invariants, with every FHIRPath
 * parsed in advance.
 */
final class CompiledStructure {

    /**
     * Invariants the parser already guarantees for anything it builds, so evaluating them again is waste. (ext-1 is
     * not among them: the parser keeps an extension that has neither a value nor extensions.)
     */
    private static final Set<String> PARSER_GUARANTEED = Set.of("ele-1");
    private static final String CORE = "http://hl7.org/fhir/StructureDefinition/";

    record Invariant(String key, String human, ExpressionNode expression) {
    }

    /**
     * @param name       the element's name as the model knows it ({@code code}, {@code value[x]})
     * @param max        -1 for unbounded
     * @param definition the path whose children describe this element's children (a content reference's target)
     * @param profiles   the core profile a value of a type must also meet, by type ({@code Quantity} -> {@code
     *                   SimpleQuantity} where R4 says so)
     * @param xhtml      a narrative's div, which the model does not list as a property (see NarrativeRules)
     */
    record Rule(String path, String name, int min, int max, List<Invariant> invariants, String definition,
                Map<String, String> profiles, boolean xhtml) {

        boolean repeats() {
            return max != 1;
        }

        /** The core structure a value of this type is checked against: its type, or the profile R4 names for it. */
        String structureFor(String type) {
            return profiles.getOrDefault(type, type);
        }
    }

    private final String type;
    private final List<Invariant> rootInvariants;
    private final Map<String, List<Rule>> childrenByPath = new HashMap<>();

    CompiledStructure(StructureDefinition definition, FHIRPathEngine fhirPath) {
        this.type = definition.getType();
        List<Invariant> root = List.of();
        for (ElementDefinition element : definition.getSnapshot().getElement()) {
            String path = element.getPath();
            List<Invariant> invariants = invariants(element, fhirPath);
            int dot = path.lastIndexOf('.');
            if (dot < 0) {
                root = invariants;
                continue;
            }
            String parent = path.substring(0, dot);
            String name = path.substring(dot + 1);
            String children = element.hasContentReference() ? element.getContentReference().substring(1) : path;
            int max = "*".equals(element.getMax()) ? -1 : Integer.parseInt(element.getMax());
            Map<String, String> profiles = new HashMap<>();
            boolean xhtml = false;
            for (ElementDefinition.TypeRefComponent type : element.getType()) {
                xhtml |= "xhtml".equals(type.getCode());
                for (var profile : type.getProfile()) {
                    if (profile.getValue() != null && profile.getValue().startsWith(CORE)) {
                        profiles.put(type.getCode(), profile.getValue().substring(CORE.length()));
                    }
                }
            }
            childrenByPath.computeIfAbsent(parent, p -> new ArrayList<>())
                    .add(new Rule(path, name, element.getMin(), max, invariants, children, Map.copyOf(profiles), xhtml));
        }
        this.rootInvariants = root;
    }

    String type() {
        return type;
    }

    List<Invariant> rootInvariants() {
        return rootInvariants;
    }

    List<Rule> childrenOf(String path) {
        return childrenByPath.getOrDefault(path, List.of());
    }

    boolean hasChildren(String path) {
        return childrenByPath.containsKey(path);
    }

    private static List<Invariant> invariants(ElementDefinition element, FHIRPathEngine fhirPath) {
        List<Invariant> invariants = new ArrayList<>();
        for (ElementDefinition.ElementDefinitionConstraintComponent constraint : element.getConstraint()) {
            if (constraint.getSeverity() != ElementDefinition.ConstraintSeverity.ERROR
                    || PARSER_GUARANTEED.contains(constraint.getKey()) || !constraint.hasExpression()) {
                continue;
            }
            invariants.add(new Invariant(constraint.getKey(), constraint.getHuman(), fhirPath.parse(constraint.getExpression())));
        }
        return List.copyOf(invariants);
    }
}
