package org.onecity.fhir.support;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * This module's test identities shadow common's (they add the hospital systems of H004 and H005): they keep every
 * client and user of common's, so that no test here runs with less than the city's tests elsewhere.
 */
class TestIdentitiesTest {

    @Test
    @SuppressWarnings("unchecked")
    void thisModulesTestIdentitiesAreCommonsPlusHospitalsH004AndH005() throws Exception {
        List<URL> files = Collections.list(getClass().getClassLoader().getResources("onecity-test-identities.yaml"));
        assertThat(files).as("this module's file first, common's behind it").hasSize(2);
        Map<String, Object> ours = identities(files.get(0));
        Map<String, Object> commons = identities(files.get(1));

        assertThat(names(ours, "clients")).containsAll(names(commons, "clients"))
                .contains("hospital-h004", "hospital-h005");
        assertThat(names(ours, "users")).containsAll(names(commons, "users"));
        assertThat((List<Object>) ours.get("clients")).containsAll((List<Object>) commons.get("clients"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> identities(URL file) throws Exception {
        try (InputStream in = file.openStream()) {
            Map<String, Object> root = new Yaml().load(in);
            return (Map<String, Object>) ((Map<String, Object>) root.get("onecity")).get("identities");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(Map<String, Object> identities, String kind) {
        return ((List<Map<String, Object>>) identities.get(kind)).stream()
                .map(entry -> String.valueOf(entry.containsKey("id") ? entry.get("id") : entry.get("username"))).toList();
    }
}
