package org.onecity.portal.doctor;

import java.util.Arrays;
import java.util.Optional;

/** The usual CT windows (centre, width in Hounsfield units); AS_STORED uses the image's own window. */
public enum WindowPreset {
    AS_STORED(null), SOFT_TISSUE("40,400"), LUNG("-600,1500"), BONE("300,1500"), BRAIN("40,80");

    private final String window;

    WindowPreset(String window) {
        this.window = window;
    }

    /** The WADO-RS {@code window} parameter, empty for the image's own. */
    public Optional<String> window() {
        return Optional.ofNullable(window);
    }

    public static WindowPreset named(String name) {
        return Arrays.stream(values()).filter(p -> p.key().equalsIgnoreCase(name) || p.name().equalsIgnoreCase(name)).findFirst().orElse(AS_STORED);
    }

    public String key() {
        return name().toLowerCase().replace('_', '-');
    }
}
