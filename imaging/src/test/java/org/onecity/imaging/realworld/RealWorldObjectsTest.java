package org.onecity.imaging.realworld;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onecity.common.test.CityTokens;
import org.onecity.imaging.support.DicomWebClient;
import org.onecity.imaging.support.ImagingTest;
import org.onecity.imaging.support.PydicomFiles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test files of a public DICOM library (pydicom's), sent by STOW-RS as a hospital would: all but the damaged
 * are stored, those without a Patient ID kept apart; each damaged one is refused with its reason, naming the
 * instance when its header did before the damage; big endian is converted.
 */
@ImagingTest
class RealWorldObjectsTest {

    /** The damaged files: the Failure Reason, words of the comment, and whether the instance can be named. */
    private static final Map<String, String> REFUSED = Map.of(
            "MR_truncated.dcm", "49152 Truncated object named",
            "SC_rgb_jpeg.dcm", "49152 has no valid VR unnamed",
            "UN_sequence.dcm", "43264 SOP Class UID (0008,0016) is missing named",
            "empty_charset_LEI.dcm", "43264 SOP Class UID (0008,0016) is missing named",
            "meta_missing_tsyntax.dcm", "43264 SOP Class UID (0008,0016) is missing named",
            "nested_priv_SQ.dcm", "43264 SOP Class UID (0008,0016) is missing named",
            "no_meta.dcm", "49152 no preamble and DICM prefix unnamed",
            "no_meta_group_length.dcm", "43264 SOP Class UID (0008,0016) is missing named",
            "priv_SQ.dcm", "43264 SOP Class UID (0008,0016) is missing named",
            "rtplan_truncated.dcm", "49152 Element (300A,00B0) declares 976 bytes named");

    @Autowired
    DicomWebClient dicomWeb;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path folder;

    @Test
    void every_file_is_stored_or_refused_with_its_reason_and_the_instance_it_was() {
        Map<String, String> refused = new TreeMap<>();
        int stored = 0;
        for (String name : PydicomFiles.all()) {
            var answer = dicomWeb.store(CityTokens.hospital("H001"), List.of(PydicomFiles.withNewUids(name, folder)));
            JsonNode failed = answer.json().path("00081198").path("Value");
            if (failed.isEmpty()) {
                assertThat(answer.status()).as(name).isEqualTo(200);
                stored++;
                continue;
            }
            JsonNode item = failed.get(0);
            assertThat(item.has("00081150") && item.has("00081155")).as(name + ": both UIDs are in every item").isTrue();
            String reason = item.path("00081197").path("Value").get(0).asInt() + " "
                    + item.path("00000902").path("Value").get(0).asText();
            refused.put(name, reason + (item.path("00081155").path("Value").isEmpty() ? " unnamed" : " named"));
        }

        assertThat(refused.keySet()).containsExactlyInAnyOrderElementsOf(REFUSED.keySet());
        REFUSED.forEach((name, expected) -> {
            String[] words = expected.split(" ", 2);
            assertThat(refused.get(name)).as(name).startsWith(words[0])
                    .contains(words[1].replaceAll(" (un)?named$", "")).endsWith(expected.endsWith(" unnamed") ? " unnamed" : " named");
        });
        assertThat(refused.get("rtplan_truncated.dcm")).as("an RT Plan has no pixel data to speak of")
                .doesNotContainIgnoringCase("pixel");
        assertThat(stored).isEqualTo(PydicomFiles.all().size() - REFUSED.size());
    }

    @Test
    void big_endian_is_stored_as_explicit_little_endian_with_the_same_pixels_as_its_little_endian_twin() {
        Path bigEndian = PydicomFiles.withNewUids("MR_small_bigendian.dcm", folder.resolve("be"));
        Path littleEndian = PydicomFiles.withNewUids("MR_small.dcm", folder.resolve("le"));

        var big = dicomWeb.store(CityTokens.hospital("H001"), List.of(bigEndian));
        var little = dicomWeb.store(CityTokens.hospital("H001"), List.of(littleEndian));

        assertThat(big.status()).as(big.text()).isEqualTo(200);
        assertThat(little.status()).as(little.text()).isEqualTo(200);
        String bigUrl = big.json().path("00081199").path("Value").get(0).path("00081190").path("Value").get(0).asText();
        String littleUrl = little.json().path("00081199").path("Value").get(0).path("00081190").path("Value").get(0).asText();
        String bigUid = bigUrl.substring(bigUrl.lastIndexOf('/') + 1);
        assertThat(jdbc.queryForObject("select transfer_syntax from instance where sop_instance_uid = ?", String.class,
                bigUid)).isEqualTo("1.2.840.10008.1.2.1");
        var bigFrame = dicomWeb.get(CityTokens.hospital("H001"), path(bigUrl) + "/frames/1",
                "multipart/related; type=\"application/octet-stream\"");
        var littleFrame = dicomWeb.get(CityTokens.hospital("H001"), path(littleUrl) + "/frames/1",
                "multipart/related; type=\"application/octet-stream\"");
        assertThat(bigFrame.status()).isEqualTo(200);
        assertThat(bigFrame.parts().get(0)).isEqualTo(littleFrame.parts().get(0));
    }

    private String path(String retrieveUrl) {
        return retrieveUrl.substring(retrieveUrl.indexOf("/studies/"));
    }
}
