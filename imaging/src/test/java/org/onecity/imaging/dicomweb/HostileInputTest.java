package org.onecity.imaging.dicomweb;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onecity.common.test.CityTokens;
import org.onecity.imaging.dimse.DimseServer;
import org.onecity.imaging.support.DicomWebClient;
import org.onecity.imaging.support.HostileObjects;
import org.onecity.imaging.support.ImagingTest;
import org.onecity.imaging.support.RawStorePeer;
import org.onecity.imaging.support.TestImages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damaged and hostile objects never take the service down: each is refused with its reason, nothing of it is
 * stored, the good object sent with them is stored, and the next request is served; by STOW-RS and by C-STORE
 * alike. A DICOM peer that declares a PDU of gigabytes loses its association, not the service.
 */
@ImagingTest
class HostileInputTest {

    @Autowired
    DicomWebClient dicomWeb;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DimseServer dimse;
    @TempDir
    Path folder;

    @Test
    void every_hostile_object_is_refused_with_its_reason_and_the_good_one_beside_it_is_stored() throws IOException {
        var study = TestImages.study("MRN-HOSTILE-" + TestImages.uid().substring(5, 12), "H001", "Hostile^Input", "20261202");
        var good = TestImages.ct(study, 16, 16);
        Path goodFile = TestImages.write(good, folder);
        Map<String, byte[]> hostile = HostileObjects.of(TestImages.write(TestImages.ct(study, 16, 16), folder.resolve("base")));
        List<Path> parts = new ArrayList<>();
        for (Map.Entry<String, byte[]> object : hostile.entrySet()) {
            parts.add(Files.write(folder.resolve("hostile-" + parts.size() + ".dcm"), object.getValue()));
        }
        parts.add(goodFile);

        var answer = dicomWeb.store(CityTokens.hospital("H001"), parts);

        assertThat(answer.status()).as(answer.text()).isEqualTo(202);
        JsonNode failed = answer.json().path("00081198").path("Value");
        assertThat(failed).as("one failure per hostile object: " + answer.text()).hasSize(hostile.size());
        for (JsonNode item : failed) {
            assertThat(item.path("00081197").path("Value").get(0).asInt()).isIn(0xC000, 0xA900, 0xA700);
            assertThat(comment(item)).as("the reason, in words").isNotBlank().doesNotContain("Exception");
        }
        assertThat(answer.json().path("00081199").path("Value")).hasSize(1);
        assertThat(jdbc.queryForObject("select instance_count from study where study_uid = ?", Integer.class,
                study.studyUid())).isEqualTo(1);
        assertThat(dicomWeb.search(CityTokens.hospital("H001"), "/studies?StudyInstanceUID=" + study.studyUid()))
                .as("the next request is served").hasSize(1);
    }

    @Test
    void every_hostile_data_set_sent_by_c_store_fails_and_the_association_goes_on_to_store_the_good_one() throws Exception {
        var study = TestImages.study("MRN-HOSTILE-" + TestImages.uid().substring(5, 12), "H001", "Hostile^Store", "20261203");
        var good = TestImages.ct(study, 16, 16);
        byte[] goodFile = Files.readAllBytes(TestImages.write(good, folder));
        var base = TestImages.ct(study, 16, 16);
        Map<String, byte[]> hostile = HostileObjects.of(TestImages.write(base,
                Files.createDirectories(folder.resolve("base"))));
        // over DIMSE a data set never has File Meta Information: a bare one is the normal case, not an attack
        hostile.remove("no File Meta Information (a bare data set)");
        try (RawStorePeer pacs = new RawStorePeer("H001_PACS", "ONECITY", dimse.port(), TestImages.CT)) {
            for (Map.Entry<String, byte[]> object : hostile.entrySet()) {
                assertThat(pacs.store(TestImages.CT, base.sopInstanceUid(), dataSetOf(object.getValue())))
                        .as(object.getKey()).isFalse();
            }
            assertThat(pacs.store(TestImages.CT, good.sopInstanceUid(), dataSetOf(goodFile))).as("the good one, after them")
                    .isTrue();
        }
        assertThat(jdbc.queryForObject("select instance_count from study where study_uid = ?", Integer.class,
                study.studyUid())).as("only the good one is stored").isEqualTo(1);
    }

    @Test
    void a_peer_declaring_a_pdu_of_gigabytes_loses_its_association_and_the_listener_serves_the_next() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", dimse.port())) {
            OutputStream out = socket.getOutputStream();
            // an A-ASSOCIATE-RQ from a registered PACS whose header declares 2 GB
            ByteBuffer request = ByteBuffer.allocate(74).put((byte) 1).put((byte) 0).putInt(0x7FFFFFF0)
                    .putShort((short) 1).putShort((short) 0)
                    .put(String.format("%-16s", "ONECITY").getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .put(String.format("%-16s", "H001_PACS").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(request.array());
            out.flush();
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[256];
            int read;
            do {
                read = in.read(sink);
            } while (read > 0);
            assertThat(read).as("the association is ended").isEqualTo(-1);
        } catch (java.net.SocketException reset) {
            // a reset is an end too
        }
        org.onecity.imaging.support.Dcmtk.ok("echoscu", "-aet", "H001_PACS", "-aec", "ONECITY", "127.0.0.1",
                String.valueOf(dimse.port()));
    }

    /** What follows the File Meta Information, where there is one whole; otherwise every byte. */
    private static byte[] dataSetOf(byte[] part10) {
        boolean dicm = part10.length >= 132 && new String(part10, 128, 4, java.nio.charset.StandardCharsets.US_ASCII)
                .equals("DICM");
        int start = dicm ? HostileObjects.dataSetStart(part10) : 0;
        return start <= part10.length ? Arrays.copyOfRange(part10, start, part10.length) : part10;
    }

    private static String comment(JsonNode item) {
        JsonNode text = item.path("00000902").path("Value");
        return text.isMissingNode() || text.isEmpty() ? item.toString() : text.get(0).asText();
    }
}
