package org.onecity.fhir.quality;

import ca.uhn.fhir.context.support.IValidationSupport;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StructureDefinition;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The lexical form of each R4 primitive type, as its definition gives it (the regex extension on {@code T.value}):
 * HAPI's parser reads some values it should refuse (a time without a time zone, an id with spaces, an empty string).
 */
final class PrimitiveFormats {

    private static final String CORE = "http://hl7.org/fhir/StructureDefinition/";
    private static final String REGEX = "http://hl7.org/fhir/StructureDefinition/regex";

    private final IValidationSupport core;
    private final Map<String, Optional<Pattern>> byType = new ConcurrentHashMap<>();

    PrimitiveFormats(IValidationSupport core) {
        this.core = core;
    }

    boolean matches(String type, String value) {
        if ("base64Binary".equals(type)) {
            return isBase64(value);
        }
        return byType.computeIfAbsent(type, this::load).map(p -> p.matcher(value).matches()).orElse(true);
    }

    /**
     * R4's base64Binary pattern, {@code (\s*([0-9a-zA-Z\+/=]){4}\s*)+}, without the regex engine, which recurses for
     * each group and overflows the stack on an attachment of a few hundred kilobytes.
     */
    static boolean isBase64(String value) {
        int characters = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            boolean alphabet = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || c == '=';
            if (!alphabet) {
                return false;
            }
            characters++;
        }
        return characters > 0 && characters % 4 == 0;
    }

    private Optional<Pattern> load(String type) {
        if ("xhtml".equals(type)) {
            return Optional.empty();
        }
        StructureDefinition definition = (StructureDefinition) core.fetchStructureDefinition(CORE + type);
        if (definition == null || !definition.hasSnapshot()) {
            return Optional.empty();
        }
        for (ElementDefinition element : definition.getSnapshot().getElement()) {
            if (!element.getPath().equals(type + ".value")) {
                continue;
            }
            for (ElementDefinition.TypeRefComponent ref : element.getType()) {
                Optional<Pattern> pattern = regexOf(ref.getExtensionByUrl(REGEX));
                if (pattern.isPresent()) {
                    return pattern;
                }
            }
            return regexOf(element.getExtensionByUrl(REGEX));
        }
        return Optional.empty();
    }

    private static Optional<Pattern> regexOf(Extension extension) {
        return extension == null || !extension.hasValue() ? Optional.empty()
                : Optional.of(Pattern.compile(extension.getValue().primitiveValue()));
    }
}
