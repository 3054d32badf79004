package org.onecity.imaging.realworld;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onecity.common.test.CityTokens;
import org.onecity.imaging.dimse.DimseServer;
import org.onecity.imaging.support.Dcmtk;
import org.onecity.imaging.support.DicomWebClient;
import org.onecity.imaging.support.ImagingTest;
import org.onecity.imaging.support.PydicomFiles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deflated object (Deflated Explicit VR Little Endian) keeps its pixel data: it comes back as it came, and its
 * frames, metadata and rendering come from its inflated copy.
 */
@ImagingTest
class DeflatedObjectsTest {

    @Autowired
    DimseServer dimse;
    @Autowired
    DicomWebClient dicomWeb;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path folder;

    @Test
    void a_deflated_object_sent_by_c_store_has_its_frames_metadata_and_rendering() throws Exception {
        Path deflated = PydicomFiles.withNewUids("image_dfl.dcm", folder);
        Dcmtk.ok("dcmodify", "-nb", "-m", "(0010,0020)=MRN-DFL-1", deflated.toString());
        Path explicit = folder.resolve("explicit.dcm");
        Dcmtk.ok("dcmconv", "+te", deflated.toString(), explicit.toString());
        String study = Dcmtk.value(deflated, "0020,000d");
        String series = Dcmtk.value(deflated, "0020,000e");
        String sop = Dcmtk.value(deflated, "0008,0018");

        Dcmtk.ok("storescu", "-xd", "-aet", "H001_PACS", "-aec", "ONECITY", "127.0.0.1",
                String.valueOf(dimse.port()), deflated.toString());

        String token = CityTokens.hospital("H001");
        String instance = "/studies/" + study + "/series/" + series + "/instances/" + sop;
        assertThat(jdbc.queryForObject("select transfer_syntax from instance where sop_instance_uid = ?", String.class,
                sop)).isEqualTo("1.2.840.10008.1.2.1.99");
        JsonNode metadata = dicomWeb.get(token, instance + "/metadata", "application/dicom+json").json().get(0);
        assertThat(metadata.path("7FE00010").path("BulkDataURI").asText()).endsWith(instance + "/frames/1");
        var frame = dicomWeb.get(token, instance + "/frames/1", "multipart/related; type=\"application/octet-stream\"");
        assertThat(frame.status()).isEqualTo(200);
        byte[] expected = Files.readAllBytes(explicit);
        byte[] pixels = frame.parts().get(0);
        assertThat(pixels).hasSize(512 * 512);
        assertThat(java.util.Arrays.copyOfRange(expected, expected.length - pixels.length, expected.length))
                .as("the pixel data of the object inflated by dcmtk").isEqualTo(pixels);
        var rendered = dicomWeb.get(token, instance + "/rendered", "image/png");
        assertThat(rendered.status()).as(rendered.text()).isEqualTo(200);
        var whole = dicomWeb.get(token, instance, "multipart/related; type=\"application/dicom\"");
        assertThat(whole.parts().get(0)).as("the object as it came, still deflated")
                .containsSubsequence("1.2.840.10008.1.2.1.99".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
