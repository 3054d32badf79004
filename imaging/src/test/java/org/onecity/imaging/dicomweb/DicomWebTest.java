package org.onecity.imaging.dicomweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.onecity.common.test.CityTokens;
import org.onecity.imaging.support.DicomWebClient;
import org.onecity.imaging.support.ImagingTest;
import org.onecity.imaging.support.TestImages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Viewers and gateways over DICOMweb: STOW-RS in, QIDO-RS to browse, WADO-RS to retrieve. */
@ImagingTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DicomWebTest {

    @Autowired
    DicomWebClient dicomWeb;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    static Path folder;

    TestImages.Study study;
    TestImages.Image first;
    TestImages.Image second;
    TestImages.Image multiframe;
    Path firstFile;
    String token;

    @BeforeAll
    void storeAStudyByStow() {
        token = CityTokens.hospital("H001");
        String suffix = TestImages.uid().substring(5, 13);
        study = TestImages.study("MRN-WEB-" + suffix, "H001", "Wang^Fang" + suffix + "=王芳", "20261015");
        first = TestImages.ct(study, 64, 64);
        second = first.numbered(2);
        multiframe = TestImages.ct(study, 32, 32).sized(32, 32, 3);
        firstFile = TestImages.write(first, folder);

        var answer = dicomWeb.store(token, List.of(firstFile, TestImages.write(second, folder),
                TestImages.write(multiframe, folder)));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode referenced = answer.json().path("00081199").path("Value");
        assertThat(referenced).hasSize(3);
        assertThat(referenced.get(0).path("00081190").path("Value").get(0).asText())
                .endsWith("/studies/" + study.studyUid() + "/series/" + first.seriesUid() + "/instances/"
                        + first.sopInstanceUid());
    }

    @Test
    void studies_are_searched_with_wildcards_date_ranges_and_paging() {
        String wildcard = "Wang%5EFang" + study.patientName().substring(9, 12) + "*";

        JsonNode byName = dicomWeb.search(token, "/studies?PatientName=" + wildcard + "&StudyDate=20261001-20261031");
        JsonNode outOfRange = dicomWeb.search(token, "/studies?PatientName=" + wildcard + "&StudyDate=20250101-20250131");
        JsonNode byId = dicomWeb.search(token, "/studies?00100020=" + study.patientId() + "&includefield=StudyDescription");

        assertThat(byName).hasSize(1);
        JsonNode found = byName.get(0);
        assertThat(found.path("0020000D").path("Value").get(0).asText()).isEqualTo(study.studyUid());
        assertThat(found.path("00201208").path("Value").get(0).asInt()).isEqualTo(3);
        assertThat(found.path("00100010").path("Value").get(0).path("Ideographic").asText()).isEqualTo("王芳");
        assertThat(found.path("00081190").path("Value").get(0).asText()).endsWith("/studies/" + study.studyUid());
        assertThat(outOfRange).isEmpty();
        assertThat(byId.get(0).path("00081030").path("Value").get(0).asText()).isEqualTo("CT chest");
    }

    @Test
    void series_and_instances_are_listed_with_limit_offset_and_include_fields() {
        JsonNode series = dicomWeb.search(token, "/studies/" + study.studyUid() + "/series");
        JsonNode page1 = dicomWeb.search(token, "/studies/" + study.studyUid() + "/instances?limit=2&offset=0");
        JsonNode page2 = dicomWeb.search(token, "/studies/" + study.studyUid() + "/instances?limit=2&offset=2");
        JsonNode withWindow = dicomWeb.search(token, "/studies/" + study.studyUid() + "/series/" + first.seriesUid()
                + "/instances?SOPInstanceUID=" + first.sopInstanceUid() + "&includefield=00281050");

        assertThat(series).hasSize(2);
        assertThat(page1).hasSize(2);
        assertThat(page2).hasSize(1);
        assertThat(withWindow.get(0).path("00281050").path("Value").get(0).asInt()).isEqualTo(1024);
        assertThat(withWindow.get(0).path("00280010").path("Value").get(0).asInt()).isEqualTo(64);
    }

    @Test
    void an_instance_is_retrieved_as_stored_and_its_metadata_points_at_its_frames() throws Exception {
        var retrieved = dicomWeb.get(token, "/studies/" + study.studyUid() + "/series/" + first.seriesUid()
                + "/instances/" + first.sopInstanceUid(), "multipart/related; type=\"application/dicom\"");
        var metadata = dicomWeb.get(token, "/studies/" + study.studyUid() + "/metadata", "application/dicom+json");

        assertThat(retrieved.status()).isEqualTo(200);
        List<byte[]> parts = retrieved.parts();
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0)).isEqualTo(Files.readAllBytes(firstFile));
        assertThat(metadata.json()).hasSize(3);
        JsonNode instance = metadata.json().get(0);
        assertThat(instance.path("7FE00010").path("BulkDataURI").asText()).contains("/frames/1");
        assertThat(instance.has("00020010")).isFalse();
        AttributeList list = new AttributeList();
        list.read(new com.pixelmed.dicom.DicomInputStream(new ByteArrayInputStream(parts.get(0))));
        assertThat(Attribute.getSingleStringValueOrNull(list, TagFromName.SOPInstanceUID)).isEqualTo(first.sopInstanceUid());
    }

    @Test
    void frames_come_back_as_their_pixel_bytes_one_by_one() {
        var frames = dicomWeb.get(token, "/studies/" + study.studyUid() + "/series/" + multiframe.seriesUid()
                + "/instances/" + multiframe.sopInstanceUid() + "/frames/2,3", "multipart/related; type=\"application/octet-stream\"");

        assertThat(frames.status()).isEqualTo(200);
        List<byte[]> parts = frames.parts();
        assertThat(parts).hasSize(2);
        ByteBuffer frame2 = ByteBuffer.wrap(parts.get(0)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(parts.get(0)).hasSize(32 * 32 * 2);
        assertThat(frame2.getShort(2 * (5 * 32 + 7))).isEqualTo((short) TestImages.pixel(multiframe, 1, 5, 7));
        assertThat(ByteBuffer.wrap(parts.get(1)).order(ByteOrder.LITTLE_ENDIAN).getShort(0))
                .isEqualTo((short) TestImages.pixel(multiframe, 2, 0, 0));
    }

    @Test
    void a_rendered_image_applies_the_window_asked_for() throws Exception {
        String path = "/studies/" + study.studyUid() + "/series/" + first.seriesUid() + "/instances/"
                + first.sopInstanceUid() + "/rendered";
        var narrow = dicomWeb.get(token, path + "?window=40,20", "image/png");
        var jpeg = dicomWeb.get(token, path, "image/jpeg");

        assertThat(narrow.status()).isEqualTo(200);
        assertThat(narrow.contentType()).startsWith("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(narrow.body()));
        assertThat(image.getWidth()).isEqualTo(64);
        // pixel value row+column: 0 at the corner (below the window: black), 126 at the far corner (above: white)
        assertThat(image.getRaster().getSample(0, 0, 0)).isZero();
        assertThat(image.getRaster().getSample(63, 63, 0)).isEqualTo(255);
        assertThat(image.getRaster().getSample(40, 0, 0)).isBetween(100, 155);
        assertThat(jpeg.contentType()).startsWith("image/jpeg");
        assertThat(ImageIO.read(new ByteArrayInputStream(jpeg.body()))).isNotNull();
    }

    @Test
    void reads_need_a_token_and_another_hospital_sees_no_such_study() {
        String path = "/studies/" + study.studyUid() + "/metadata";

        assertThat(dicomWeb.get(token, path, null).status()).isEqualTo(200);
        assertThat(dicomWeb.get(null, path, null).status()).isEqualTo(401);
        assertThat(dicomWeb.get(CityTokens.hospital("H002"), path, null).status()).isEqualTo(404);
        assertThat(dicomWeb.search(CityTokens.hospital("H002"), "/studies?StudyInstanceUID=" + study.studyUid())).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from access_log where study_uid = ? and action = 'retrieve-metadata'",
                Integer.class, study.studyUid())).isPositive();
    }
}
