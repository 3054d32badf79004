package org.onecity.common.city;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/** {@code onecity.city.hospitals}: the city's directory, from {@code ONECITY_CITY_CONFIG} or the demo city. */
@ConfigurationProperties("onecity.city")
public record CityDirectoryProperties(List<Hospital> hospitals) {

    public CityDirectoryProperties {
        hospitals = hospitals == null ? List.of() : List.copyOf(hospitals);
    }
}
