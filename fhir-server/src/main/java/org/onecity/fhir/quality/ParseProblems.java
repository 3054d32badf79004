package org.onecity.fhir.quality;

import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;

import java.util.ArrayList;
import java.util.List;

/**
 * What the FHIR parser finds wrong while reading a request (an unknown element, a value that is not a date or
 * a number), collected for the quality gate instead of being dropped with a log line. Parsing outside a
 * collection behaves as HAPI's lenient default.
 */
public final class ParseProblems implements IParserErrorHandler {

    private static final ThreadLocal<List<Problem>> COLLECTED = new ThreadLocal<>();
    private final LenientErrorHandler lenient = new LenientErrorHandler(false);

    /** Starts collecting what the parser reports on this thread. */
    public static void collect() {
        COLLECTED.set(new ArrayList<>());
    }

    /** Stops collecting and returns what was found. */
    public static List<Problem> take() {
        List<Problem> problems = COLLECTED.get();
        COLLECTED.remove();
        return problems == null ? List.of() : problems;
    }

    private void report(IParseLocation location, String message) {
        List<Problem> problems = COLLECTED.get();
        if (problems != null) {
            String element = location == null || location.getParentElementName() == null
                    ? "" : " (in " + location.getParentElementName() + ")";
            problems.add(new Problem("Bundle", message + element));
        }
    }

    @Override
    public void unknownElement(IParseLocation location, String name) {
        report(location, "Unknown element '" + name + "'");
        lenient.unknownElement(location, name);
    }

    @Override
    public void unknownAttribute(IParseLocation location, String name) {
        report(location, "Unknown attribute '" + name + "'");
        lenient.unknownAttribute(location, name);
    }

    /** While collecting, an invalid value is a problem to list with the others, not an exception. */
    @Override
    public void invalidValue(IParseLocation location, String value, String error) {
        if (COLLECTED.get() != null) {
            report(location, "Invalid value '" + value + "': " + error);
            return;
        }
        lenient.invalidValue(location, value, error);
    }

    @Override
    public void incorrectJsonType(IParseLocation location, String element, BaseJsonLikeValue.ValueType expected,
            BaseJsonLikeValue.ScalarType expectedScalar, BaseJsonLikeValue.ValueType found,
            BaseJsonLikeValue.ScalarType foundScalar) {
        report(location, "Element '" + element + "' should be " + (expectedScalar != null ? expectedScalar : expected)
                + " but is " + (foundScalar != null ? foundScalar : found));
        lenient.incorrectJsonType(location, element, expected, expectedScalar, found, foundScalar);
    }

    @Override
    public void unexpectedRepeatingElement(IParseLocation location, String name) {
        report(location, "Element '" + name + "' may appear only once");
        lenient.unexpectedRepeatingElement(location, name);
    }

    @Override
    public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
        report(location, "An extension has both a value and nested extensions");
        lenient.extensionContainsValueAndNestedExtensions(location);
    }

    @Override
    public void missingRequiredElement(IParseLocation location, String name) {
        lenient.missingRequiredElement(location, name);
    }

    @Override
    public void containedResourceWithNoId(IParseLocation location) {
        report(location, "A contained resource has no id");
        lenient.containedResourceWithNoId(location);
    }

    @Override
    public void unknownReference(IParseLocation location, String reference) {
        lenient.unknownReference(location, reference);
    }

    @Override
    public void invalidInternalReference(IParseLocation location, String reference) {
        report(location, "Reference '" + reference + "' points at nothing in this resource");
        lenient.invalidInternalReference(location, reference);
    }
}
