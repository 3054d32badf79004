package org.onecity.common.test;

import org.onecity.common.embedded.JarProcess;
import org.onecity.common.embedded.LocalObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The city's services as their own processes in end-to-end tests: the packaged jar on the test JVM's PostgreSQL,
 * S3 server and issuer, each in a database of its own.
 */
public final class ServiceProcesses {

    private ServiceProcesses() {
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment every service needs: its database, the object store, the issuer and its HTTP port. */
    public static Map<String, String> environment(String database, int port) {
        TestInfrastructure.Database postgres = TestInfrastructure.database();
        LocalObjectStore objects = TestInfrastructure.objectStore();
        Map<String, String> environment = new HashMap<>(Map.of(
                "SPRING_DATASOURCE_URL", postgres.url(database),
                "SPRING_DATASOURCE_USERNAME", postgres.user(),
                "SPRING_DATASOURCE_PASSWORD", postgres.password(),
                "ONECITY_OBJECT_STORE_ENDPOINT", objects.endpoint(),
                "ONECITY_OBJECT_STORE_ACCESS_KEY", objects.accessKey(),
                "ONECITY_OBJECT_STORE_SECRET_KEY", objects.secretKey(),
                "ONECITY_SECURITY_ISSUER_URI", TestInfrastructure.issuer().issuerUri(),
                "SERVER_PORT", String.valueOf(port)));
        return environment;
    }

    /** The packaged fhir-server (built earlier in the reactor), started and healthy. */
    public static JarProcess fhirServer(String database, int port, Path log) {
        JarProcess fhir = JarProcess.start("fhir-server", Path.of("..", "fhir-server", "target", "fhir-server.jar"), "1g",
                environment(database, port), List.of(), log);
        fhir.awaitHealthy(URI.create("http://127.0.0.1:" + port + "/actuator/health"), Duration.ofMinutes(5));
        return fhir;
    }
}
