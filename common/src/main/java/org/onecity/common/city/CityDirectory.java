package org.onecity.common.city;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The hospitals of the city, looked up by their city code. */
public final class CityDirectory {

    private final Map<String, Hospital> hospitalsByCode;

    public CityDirectory(List<Hospital> hospitals) {
        this.hospitalsByCode = hospitals.stream()
                .collect(Collectors.toUnmodifiableMap(Hospital::code, Function.identity()));
    }

    public Optional<Hospital> hospital(String code) {
        return Optional.ofNullable(code).map(hospitalsByCode::get);
    }

    /** The hospital whose namespace holds this identifier system, if any. */
    public Optional<Hospital> issuerOf(String identifierSystem) {
        return hospitalsByCode.values().stream().filter(h -> h.issues(identifierSystem)).findFirst();
    }

    public List<Hospital> hospitals() {
        return List.copyOf(hospitalsByCode.values());
    }
}
