package org.onecity.imaging.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Orthanc from Debian, in its default configuration but for its ports (on loopback) and its storage folder, with
 * the Debian DICOMweb plugin: the side-by-side reference of the imaging benchmark and of the rendering test.
 */
public final class Orthanc implements AutoCloseable {

    public static final String AE_TITLE = "ORTHANC";
    private final Process process;
    public final int httpPort;
    public final int dicomPort;

    private Orthanc(Process process, int httpPort, int dicomPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.dicomPort = dicomPort;
    }

    public static Orthanc start(Path folder, int httpPort, int dicomPort) throws IOException, InterruptedException {
        Path storage = Files.createDirectories(folder.resolve("storage"));
        Path configuration = folder.resolve("orthanc.json");
        Files.writeString(configuration, """
                {
                  "Name": "onecity-benchmark",
                  "StorageDirectory": "%s",
                  "IndexDirectory": "%s",
                  "HttpPort": %d,
                  "DicomPort": %d,
                  "RemoteAccessAllowed": false,
                  "Plugins": ["/usr/share/orthanc/plugins/libOrthancDicomWeb.so"]
                }
                """.formatted(storage, storage, httpPort, dicomPort));
        Process process = new ProcessBuilder("Orthanc", configuration.toString()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("orthanc.log").toFile()).start();
        Orthanc orthanc = new Orthanc(process, httpPort, dicomPort);
        orthanc.awaitUp();
        return orthanc;
    }

    public String dicomWeb() {
        return "http://127.0.0.1:" + httpPort + "/dicom-web";
    }

    /** Orthanc's REST API. */
    public String rest() {
        return "http://127.0.0.1:" + httpPort;
    }

    private void awaitUp() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Orthanc stopped while starting (is Debian's orthanc installed?)");
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/system")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Orthanc did not start in a minute");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
