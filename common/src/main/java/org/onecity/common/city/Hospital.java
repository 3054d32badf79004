package org.onecity.common.city;

import java.util.List;
import java.util.Objects;

/**
 * A hospital of the city as the health bureau registered it.
 *
 * @param code                  the city's hospital code, e.g. {@code H001}
 * @param name                  the hospital's name
 * @param level                 the grade that insurance rules depend on: 1, 2 or 3 (tertiary)
 * @param identifierNamespaces  the identifier systems the hospital issues its own business identifiers under;
 *                              by default the city's namespace {@code .../sid/hospital/{code}/}
 */
public record Hospital(String code, String name, int level, List<String> identifierNamespaces) {

    public Hospital {
        Objects.requireNonNull(code, "a hospital needs its city code");
        name = name == null ? code : name;
        identifierNamespaces = identifierNamespaces == null || identifierNamespaces.isEmpty()
                ? List.of(CityIdentifiers.hospitalNamespace(code))
                : List.copyOf(identifierNamespaces);
    }

    /** Whether an identifier system is one of this hospital's own, such as its record number system. */
    public boolean issues(String identifierSystem) {
        return identifierSystem != null && identifierNamespaces.stream().anyMatch(identifierSystem::startsWith);
    }

    /** The canonical URI the city uses for this hospital as a data source. */
    public String sourceUri() {
        return CityIdentifiers.HOSPITAL_SOURCE_PREFIX + code;
    }
}
