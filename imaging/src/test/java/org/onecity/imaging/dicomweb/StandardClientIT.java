package org.onecity.imaging.dicomweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onecity.common.test.CityTokens;
import org.onecity.common.test.ServiceProcesses;
import org.onecity.imaging.support.DicomWebClient;
import org.onecity.imaging.support.ImagingTest;
import org.onecity.imaging.support.TestImages;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A standard DICOMweb client browses and retrieves from the city store: Orthanc's DICOMweb plugin (Debian), set up
 * with the city store as a remote server and a hospital system's token, searches studies and series (QIDO-RS) and
 * pulls a study into Orthanc (WADO-RS), which must parse every answer.
 */
@ImagingTest
class StandardClientIT {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    @Autowired
    DicomWebClient dicomWeb;
    @TempDir
    Path folder;

    @Test
    void orthancs_dicomweb_client_finds_and_retrieves_a_study() throws Exception {
        var study = TestImages.study("MRN-ORTHANC-" + TestImages.uid().substring(5, 12), "H001", "Client^Test", "20261125");
        var first = TestImages.ct(study, 32, 32);
        List<Path> files = List.of(TestImages.write(first, folder), TestImages.write(first.numbered(2), folder),
                TestImages.write(TestImages.ct(study, 32, 32).in(TestImages.Syntax.JPEG_LOSSLESS), folder));
        assertThat(dicomWeb.store(CityTokens.hospital("H001"), files).status()).isEqualTo(200);

        int httpPort = ServiceProcesses.freePort();
        Process orthanc = startOrthanc(httpPort);
        for (int attempt = 1; orthanc == null && attempt < 3; attempt++) {
            // the port was taken between asking for a free one and Orthanc binding it: another port
            httpPort = ServiceProcesses.freePort();
            orthanc = startOrthanc(httpPort);
        }
        assertThat(orthanc).as("Orthanc started").isNotNull();
        try {
            String orthancUrl = "http://127.0.0.1:" + httpPort;
            JsonNode studies = json.readTree(post(orthancUrl + "/dicom-web/servers/onecity/get",
                    "{\"Uri\": \"/studies\", \"Arguments\": {\"PatientID\": \"" + study.patientId() + "\"}}"));
            JsonNode series = json.readTree(post(orthancUrl + "/dicom-web/servers/onecity/get",
                    "{\"Uri\": \"/studies/" + study.studyUid() + "/series\"}"));
            post(orthancUrl + "/dicom-web/servers/onecity/retrieve",
                    "{\"Resources\": [{\"Study\": \"" + study.studyUid() + "\"}], \"Synchronous\": true}");

            assertThat(studies).hasSize(1);
            assertThat(studies.get(0).path("0020000D").path("Value").get(0).asText()).isEqualTo(study.studyUid());
            assertThat(series).hasSize(2);
            JsonNode instances = json.readTree(get(orthancUrl + "/instances"));
            assertThat(instances).hasSize(3);
        } catch (IOException | RuntimeException | AssertionError e) {
            // Orthanc's own account of what happened, which its process takes with it
            throw new AssertionError("Orthanc (alive: " + orthanc.isAlive() + ") logged:\n"
                    + Files.readString(folder.resolve("orthanc.log")), e);
        } finally {
            orthanc.destroy();
            orthanc.waitFor();
        }
    }

    /** Orthanc as a DICOMweb client of the imaging service; null when it stopped at once (its port was taken). */
    private Process startOrthanc(int httpPort) throws IOException, InterruptedException {
        Path storage = Files.createDirectories(folder.resolve("orthanc"));
        Path configuration = folder.resolve("orthanc.json");
        Files.writeString(configuration, """
                {
                  "Name": "onecity-client-test",
                  "StorageDirectory": "%1$s",
                  "IndexDirectory": "%1$s",
                  "HttpPort": %2$d,
                  "DicomPort": %3$d,
                  "RemoteAccessAllowed": false,
                  "Plugins": ["/usr/share/orthanc/plugins/libOrthancDicomWeb.so"],
                  "DicomWeb": {
                    "Enable": true,
                    "Servers": {
                      "onecity": {
                        "Url": "%4$s/",
                        "HttpHeaders": { "Authorization": "Bearer %5$s" }
                      }
                    }
                  }
                }
                """.formatted(storage, httpPort, ServiceProcesses.freePort(), dicomWeb.base(), CityTokens.hospital("H001")));
        Process process = new ProcessBuilder("Orthanc", configuration.toString()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("orthanc.log").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                // this Orthanc, by its name: not another server that happens to hold the port
                if (get("http://127.0.0.1:" + httpPort + "/system").contains("onecity-client-test")) {
                    return process;
                }
            } catch (IOException | IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        if (!process.isAlive()) {
            return null;
        }
        process.destroy();
        throw new IllegalStateException("Orthanc did not start: " + Files.readString(folder.resolve("orthanc.log")));
    }

    private String post(String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }
}
