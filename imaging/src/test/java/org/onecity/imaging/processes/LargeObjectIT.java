package org.onecity.imaging.processes;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onecity.common.test.CityTokens;
import org.onecity.common.test.ServiceProcesses;
import org.onecity.imaging.support.Dcmtk;
import org.onecity.imaging.support.ImagingProcess;
import org.onecity.imaging.support.StowBody;
import org.onecity.imaging.support.TestImages;

import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 500 MB multi-frame object into a service with 256 MB of heap: received by C-STORE and by STOW-RS, stored, and
 * retrieved by WADO-RS byte for byte, without the service ever holding it whole.
 */
class LargeObjectIT {

    private static final int FRAMES = 1000;
    private ImagingProcess imaging;
    @TempDir
    Path folder;

    @AfterEach
    void stop() {
        if (imaging != null) {
            imaging.close();
        }
    }

    @Test
    void a_500_mb_object_goes_in_by_c_store_and_stow_rs_and_comes_back_whole_with_256_mb_of_heap() throws Exception {
        imaging = ImagingProcess.start("large_imaging", ServiceProcesses.freePort(), ServiceProcesses.freePort(),
                Files.createDirectories(folder.resolve("spool")), Map.of());
        var study = TestImages.study("MRN-BIG-" + TestImages.uid().substring(5, 12), "H001", "Big^Object", "20261112");
        var image = TestImages.ct(study, 512, 512).sized(512, 512, FRAMES);
        Path byDimse = TestImages.write(image, folder);
        assertThat(Files.size(byDimse)).isGreaterThan(500L * 1000 * 1000);
        String stowUid = TestImages.uid();
        Path byStow = folder.resolve("stow.dcm");
        Files.copy(byDimse, byStow);
        Dcmtk.ok("dcmodify", "-nb", "-m", "(0008,0018)=" + stowUid, byStow.toString());

        Dcmtk.ok("storescu", "-aet", "H001_PACS", "-aec", "ONECITY", "127.0.0.1", imaging.dimsePort(), byDimse.toString());
        HttpResponse<String> stow = stow(byStow);

        assertThat(stow.statusCode()).as(stow.body()).isEqualTo(200);
        assertThat(retrievedSha256(study.studyUid(), image.seriesUid(), stowUid)).isEqualTo(sha256(byStow));
        assertThat(imaging.process().isAlive()).isTrue();
        assertThat(Files.readString(imaging.process().logFile())).doesNotContain("OutOfMemoryError");
    }

    private HttpResponse<String> stow(Path file) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(imaging.dicomWeb() + "/studies"))
                .header("Authorization", "Bearer " + CityTokens.hospital("H001"))
                .header("Content-Type", StowBody.contentType("big-object"))
                .POST(StowBody.of(List.of(file), "big-object")).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Retrieves the instance to a file and digests its one part, found by the multipart framing around it. */
    private String retrievedSha256(String study, String series, String instance) throws Exception {
        Path answer = folder.resolve("retrieved.multipart");
        HttpResponse<Path> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(imaging.dicomWeb()
                        + "/studies/" + study + "/series/" + series + "/instances/" + instance))
                .header("Authorization", "Bearer " + CityTokens.hospital("H001")).build(),
                HttpResponse.BodyHandlers.ofFile(answer));
        assertThat(response.statusCode()).isEqualTo(200);
        String contentType = response.headers().firstValue("Content-Type").orElseThrow();
        String boundary = contentType.substring(contentType.indexOf("boundary=") + 9);
        long size = Files.size(answer);
        byte[] head = new byte[512];
        try (RandomAccessFile file = new RandomAccessFile(answer.toFile(), "r")) {
            file.readFully(head);
        }
        long start = new String(head, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
        long end = size - ("\r\n--" + boundary + "--\r\n").length();
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(answer)) {
            in.skipNBytes(start);
            byte[] buffer = new byte[1 << 20];
            long left = end - start;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                digest.update(buffer, 0, read);
                left -= read;
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
