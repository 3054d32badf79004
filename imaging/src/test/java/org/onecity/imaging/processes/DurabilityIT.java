package org.onecity.imaging.processes;

import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.messages.Item;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onecity.common.test.ServiceProcesses;
import org.onecity.common.test.TestInfrastructure;
import org.onecity.imaging.support.ImagingProcess;
import org.onecity.imaging.support.TestImages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crash in the middle of a stream of C-STOREs: the service is killed with SIGKILL while storescu sends; every
 * instance storescu was told is stored is there after the restart, no index row lacks its object, and the objects
 * whose rows never committed are swept.
 */
class DurabilityIT {

    private static final String DATABASE = "durability_imaging";
    private final List<ImagingProcess> processes = new ArrayList<>();
    @TempDir
    Path folder;

    @AfterEach
    void stop() {
        processes.forEach(ImagingProcess::close);
    }

    @Test
    void a_kill_during_a_stream_of_c_stores_loses_no_acknowledged_instance_and_leaves_no_row_without_its_object()
            throws Exception {
        int httpPort = ServiceProcesses.freePort();
        int dimsePort = ServiceProcesses.freePort();
        Path spool = Files.createDirectories(folder.resolve("spool"));
        // no grace: whatever the killed process left unindexed is swept when it starts again
        Map<String, String> sweepAtOnce = Map.of("ONECITY_IMAGING_ORPHAN_GRACE", "PT0S");
        ImagingProcess imaging = start(httpPort, dimsePort, spool, sweepAtOnce);
        var study = TestImages.study("MRN-KILL-" + TestImages.uid().substring(5, 12), "H001", "Kill^Nine", "20261110");
        var image = TestImages.ct(study, 256, 256);
        Map<Path, String> sopByFile = new HashMap<>();
        for (int i = 1; i <= 150; i++) {
            var numbered = image.numbered(i);
            sopByFile.put(TestImages.write(numbered, folder.resolve("stream")), numbered.sopInstanceUid());
        }
        Path log = folder.resolve("storescu.log");
        List<String> command = new ArrayList<>(List.of("storescu", "-v", "-aet", "H001_PACS", "-aec", "ONECITY",
                "127.0.0.1", imaging.dimsePort()));
        sopByFile.keySet().stream().sorted().forEach(f -> command.add(f.toString()));
        Process storescu = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();

        awaitAcknowledged(log, 40);
        imaging.kill();
        storescu.waitFor();
        Set<String> acknowledged = acknowledged(log, sopByFile);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(40).hasSizeLessThan(150);

        start(httpPort, dimsePort, spool, sweepAtOnce);
        Map<String, String> indexed = indexedObjects(study.studyUid());
        assertThat(indexed.keySet()).containsAll(acknowledged);
        MinioClient objects = ImagingProcess.objectStore();
        for (String key : indexed.values()) {
            objects.statObject(StatObjectArgs.builder().bucket(ImagingProcess.BUCKET).object(key).build());
        }
        assertThat(storedKeys(objects, study.studyUid())).containsExactlyInAnyOrderElementsOf(indexed.values());
    }

    private ImagingProcess start(int httpPort, int dimsePort, Path spool, Map<String, String> more) {
        ImagingProcess process = ImagingProcess.start(DATABASE, httpPort, dimsePort, spool, more);
        processes.add(process);
        return process;
    }

    private static void awaitAcknowledged(Path log, int count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log) && Files.readAllLines(log).stream()
                    .filter(l -> l.contains("Received Store Response (Success)")).count() >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("storescu did not get " + count + " acknowledgements:\n" + Files.readString(log));
    }

    /** The instances storescu was told are stored: each "Sending file" followed by a success response. */
    private static Set<String> acknowledged(Path log, Map<Path, String> sopByFile) throws Exception {
        Set<String> acknowledged = new HashSet<>();
        String sending = null;
        for (String line : Files.readAllLines(log)) {
            if (line.contains("Sending file: ")) {
                sending = sopByFile.get(Path.of(line.substring(line.indexOf("Sending file: ") + 14).trim()));
            } else if (line.contains("Received Store Response (Success)") && sending != null) {
                acknowledged.add(sending);
            }
        }
        return acknowledged;
    }

    private static Map<String, String> indexedObjects(String studyUid) throws Exception {
        TestInfrastructure.Database database = TestInfrastructure.database();
        Map<String, String> keys = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(database.url(DATABASE), database.user(),
                database.password());
             var statement = connection.prepareStatement("""
                     select i.sop_instance_uid, i.object_key from imaging.instance i
                       join imaging.series se on se.id = i.series join imaging.study st on st.id = se.study
                      where st.study_uid = ?""")) {
            statement.setString(1, studyUid);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return keys;
    }

    private static List<String> storedKeys(MinioClient objects, String studyUid) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : objects.listObjects(ListObjectsArgs.builder().bucket(ImagingProcess.BUCKET)
                .prefix("instances/" + studyUid + "/").recursive(true).build())) {
            if (!item.get().isDir() && !item.get().objectName().endsWith("/")) {
                keys.add(item.get().objectName());
            }
        }
        return keys;
    }
}
