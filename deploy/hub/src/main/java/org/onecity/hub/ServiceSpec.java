package org.onecity.hub;

import java.nio.file.Path;
import java.util.List;

/**
 * A service of the hub and how the hub runs it.
 *
 * @param database the service's own PostgreSQL database (batch shares billing's; the portal has none)
 * @param heap     the service's maximum heap, e.g. {@code 1g}
 */
record ServiceSpec(String name, int port, String database, String heap, String healthPath, String entryPath) {

    static List<ServiceSpec> all(HubSettings settings) {
        int offset = settings.portOffset();
        return List.of(
                new ServiceSpec("fhir-server", 8080 + offset, "fhir", "1g", "/actuator/health", "/fhir"),
                new ServiceSpec("imaging", 8081 + offset, "imaging", "256m", "/actuator/health", "/dicomweb"),
                new ServiceSpec("billing", 8082 + offset, "billing", "512m", "/actuator/health", "/billing"),
                new ServiceSpec("batch", 8083 + offset, "billing", "512m", "/actuator/health", "/batch"),
                new ServiceSpec("portal", 8084 + offset, null, "256m", "/actuator/health", "/"));
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

    /**
     * Where a person opens the service. The portal is opened on the loopback address: the issuer accepts a loopback
     * redirect after sign-in, and the browser must come back to the host it started from to keep its session.
     */
    String browserUrl(String host) {
        return ("portal".equals(name) && "localhost".equals(host) ? url("127.0.0.1") : url(host)) + entryPath;
    }
}
