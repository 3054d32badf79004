package org.onecity.hub;

import java.nio.file.Path;
import java.util.List;

/**
 * A service of the hub and how the hub runs it.
 *
 * @param database the service's own PostgreSQL database (batch shares billing's)
 * @param heap     the service's maximum heap, e.g. {@code 1g}
 */
record ServiceSpec(String name, int port, String database, String heap, String healthPath, String entryPath) {

    static List<ServiceSpec> all(HubSettings settings) {
        int offset = settings.portOffset();
        return List.of(
                new ServiceSpec("fhir-server", 8080 + offset, "fhir", "1g", "/actuator/health", "/fhir"),
                new ServiceSpec("imaging", 8081 + offset, "imaging", "256m", "/actuator/health", "/dicomweb"),
                new ServiceSpec("billing", 8082 + offset, "billing", "512m", "/actuator/health", "/billing"),
                new ServiceSpec("batch", 8083 + offset, "billing", "512m", "/actuator/health", "/batch"));
    }

    static ServiceSpec named(HubSettings settings, String name) {
        return all(settings).stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    Path jar(Path home) {
        return home.resolve(name).resolve("target").resolve(name + ".jar");
    }

    String url(String host) {
        return "http://" + host + ":" + port;
    }
}
