package org.onecity.imaging.realworld;

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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Duplicates are judged on the data set: the File Meta Information (who sent it, by which door, the archive's own
 * for a C-STORE) does not make an object different; a changed data set under a stored UID is 0x0111.
 */
@ImagingTest
class DuplicatesTest {

    @Autowired
    DimseServer dimse;
    @Autowired
    DicomWebClient dicomWeb;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path folder;

    @Test
    void the_same_object_from_another_ae_and_then_by_stow_rs_is_already_stored() throws Exception {
        Path ct = PydicomFiles.withNewUids("CT_small.dcm", folder);
        String uid = Dcmtk.value(ct, "0008,0018");

        var first = store("H001_PACS", ct);
        var fromAnotherAe = store("H001_CT", ct);
        var byStow = dicomWeb.store(CityTokens.hospital("H001"), List.of(ct));

        assertThat(first.output()).contains("Success");
        assertThat(fromAnotherAe.output()).as("not 0x0111").doesNotContain("0x111").contains("Success");
        assertThat(byStow.status()).as(byStow.text()).isEqualTo(200);
        assertThat(byStow.text()).contains("Already stored with the same content");
        assertThat(jdbc.queryForObject("select received_from from instance where sop_instance_uid = ?", String.class,
                uid)).as("the first stays").isEqualTo("H001_PACS");
    }

    @Test
    void a_changed_data_set_under_a_stored_uid_is_refused_by_either_door() throws Exception {
        Path ct = PydicomFiles.withNewUids("CT_small.dcm", folder);
        Path changed = folder.resolve("changed.dcm");
        Files.copy(ct, changed);
        Dcmtk.ok("dcmodify", "-nb", "-m", "(0008,1030)=Another description", changed.toString());

        store("H001_PACS", ct);
        var byDimse = store("H001_CT", changed);
        var byStow = dicomWeb.store(CityTokens.hospital("H001"), List.of(changed));

        assertThat(byDimse.output()).contains("Status: 0x111");
        assertThat(byStow.status()).isEqualTo(409);
        assertThat(byStow.json().path("00081198").path("Value").get(0).path("00081197").path("Value").get(0).asInt())
                .isEqualTo(0x0111);
    }

    private Dcmtk.Run store(String callingAe, Path file) {
        return Dcmtk.run("storescu", "-v", "-aet", callingAe, "-aec", "ONECITY", "127.0.0.1",
                String.valueOf(dimse.port()), file.toString());
    }
}
