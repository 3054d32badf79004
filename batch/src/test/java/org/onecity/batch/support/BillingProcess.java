package org.onecity.batch.support;

import org.onecity.common.embedded.JarProcess;
import org.onecity.common.test.TestInfrastructure;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real billing service, its packaged jar run as its own process on the test JVM's PostgreSQL and issuer, once per
 * test JVM: the batch settles what billing billed, in billing's database, as in the city.
 */
public final class BillingProcess {

    /** The database billing and the batch share in the tests. */
    public static final String DATABASE = "city";
    private static JarProcess process;
    private static int port;

    private BillingProcess() {
    }

    public static synchronized String url() {
        if (process == null) {
            start();
        }
        return "http://127.0.0.1:" + port;
    }

    private static void start() {
        Path jar = Path.of(System.getProperty("billing.jar", "../billing/target/billing.jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The batch's tests run the billing service from " + jar
                    + "; build it first (the root build does: ./onecity test)");
        }
        TestInfrastructure.Database database = TestInfrastructure.database();
        port = freePort();
        process = JarProcess.start("billing", jar, "384m", Map.of(
                        "SPRING_DATASOURCE_URL", database.url(DATABASE),
                        "SPRING_DATASOURCE_USERNAME", database.user(),
                        "SPRING_DATASOURCE_PASSWORD", database.password(),
                        "ONECITY_SECURITY_ISSUER_URI", TestInfrastructure.issuer().issuerUri(),
                        "SERVER_PORT", String.valueOf(port)),
                List.of(), Path.of(System.getProperty("billing.log", "target/billing-process.log")));
        Runtime.getRuntime().addShutdownHook(new Thread(process::close));
        process.awaitHealthy(URI.create("http://127.0.0.1:" + port + "/actuator/health"), Duration.ofMinutes(3));
    }

    /** A port nothing listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
