package org.onecity.imaging.ingest;

import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onecity.common.test.CityTokens;
import org.onecity.imaging.support.DicomWebClient;
import org.onecity.imaging.support.ImagingTest;
import org.onecity.imaging.support.TestImages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Under the REPLACE policy a corrected resend replaces the stored object, and the old object goes. */
@ImagingTest
@TestPropertySource(properties = "onecity.imaging.duplicate-policy=REPLACE")
class ReplacePolicyTest {

    @Autowired
    DicomWebClient dicomWeb;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MinioClient minio;
    @TempDir
    Path folder;

    @Test
    void different_content_under_a_stored_uid_replaces_it() {
        var image = TestImages.ct(TestImages.study("MRN-REPLACE-1", "H001", "Old^Name", "20261124"), 16, 16);
        String token = CityTokens.hospital("H001");
        assertThat(dicomWeb.store(token, List.of(TestImages.write(image, folder))).status()).isEqualTo(200);
        String before = key(image.sopInstanceUid());
        var corrected = new TestImages.Image(image.study().withPatientName("New^Name"), image.seriesUid(), "CT",
                TestImages.CT, image.sopInstanceUid(), 1, 16, 16, 1, 16, TestImages.Syntax.EXPLICIT_LITTLE);

        var answer = dicomWeb.store(token, List.of(TestImages.write(corrected, folder.resolve("corrected"))));

        assertThat(answer.status()).isEqualTo(200);
        String after = key(image.sopInstanceUid());
        assertThat(after).isNotEqualTo(before);
        assertThat(jdbc.queryForObject("select metadata from instance where sop_instance_uid = ?", String.class,
                image.sopInstanceUid())).contains("New^Name");
        assertThat(jdbc.queryForObject("select instance_count from study where study_uid = ?", Integer.class,
                image.study().studyUid())).isEqualTo(1);
        assertThatThrownBy(() -> minio.statObject(StatObjectArgs.builder().bucket("imaging-test").object(before).build()))
                .as("the replaced object is removed").isInstanceOf(Exception.class);
    }

    private String key(String sopInstanceUid) {
        return jdbc.queryForObject("select object_key from instance where sop_instance_uid = ?", String.class,
                sopInstanceUid);
    }
}
