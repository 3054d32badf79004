package org.onecity.imaging.support;

import io.minio.MinioClient;
import org.onecity.common.embedded.JarProcess;
import org.onecity.common.embedded.LocalObjectStore;
import org.onecity.common.test.ServiceProcesses;
import org.onecity.common.test.TestInfrastructure;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The packaged imaging service as its own JVM with the heap the hub gives it (256 MB), on the test JVM's
 * PostgreSQL, S3 server and issuer: for what only a real process shows (kill -9, heap limits).
 */
public final class ImagingProcess implements AutoCloseable {

    public static final String BUCKET = "imaging-processes";

    private final JarProcess process;
    private final int httpPort;
    private final int dimsePort;

    private ImagingProcess(JarProcess process, int httpPort, int dimsePort) {
        this.process = process;
        this.httpPort = httpPort;
        this.dimsePort = dimsePort;
    }

    /** Starts the service on a database of its own; the same database and ports again make a restart. */
    public static ImagingProcess start(String database, int httpPort, int dimsePort, Path spool, Map<String, String> more) {
        Map<String, String> environment = ServiceProcesses.environment(database, httpPort);
        environment.put("ONECITY_IMAGING_DIMSE_PORT", String.valueOf(dimsePort));
        environment.put("ONECITY_IMAGING_SPOOL", spool.toString());
        environment.put("ONECITY_IMAGING_BUCKET", BUCKET);
        environment.putAll(more);
        // the benchmark runs from the repository's top, the tests from the module's folder
        Path jar = Path.of(System.getProperty("imaging.jar", "target/imaging.jar"));
        JarProcess process = JarProcess.start("imaging", jar, "256m", environment, List.of(),
                jar.resolveSibling("it-imaging-" + database + ".log"));
        process.awaitHealthy(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"), Duration.ofMinutes(2));
        return new ImagingProcess(process, httpPort, dimsePort);
    }

    public static MinioClient objectStore() {
        LocalObjectStore store = TestInfrastructure.objectStore();
        return MinioClient.builder().endpoint(store.endpoint()).credentials(store.accessKey(), store.secretKey()).build();
    }

    public String dimsePort() {
        return String.valueOf(dimsePort);
    }

    public String dicomWeb() {
        return "http://127.0.0.1:" + httpPort + "/dicomweb";
    }

    public JarProcess process() {
        return process;
    }

    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }
}
