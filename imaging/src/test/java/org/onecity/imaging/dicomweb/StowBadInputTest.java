package org.onecity.imaging.dicomweb;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onecity.common.test.CityTokens;
import org.onecity.imaging.support.DicomWebClient;
import org.onecity.imaging.support.ImagingTest;
import org.onecity.imaging.support.TestImages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a STOW-RS client gets for bad input: a failed SOP entry with the reason, or a clear 4xx; nothing stored. */
@ImagingTest
class StowBadInputTest {

    @Autowired
    DicomWebClient dicomWeb;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path folder;

    @Test
    void each_bad_part_fails_with_its_reason_while_the_good_one_is_stored() throws Exception {
        var study = TestImages.study("MRN-STOW-BAD-" + TestImages.uid().substring(5, 12), "H001", "Bad^Parts", "20261123");
        var good = TestImages.ct(study, 16, 16);
        Path goodFile = TestImages.write(good, folder);
        Path notDicom = Files.writeString(folder.resolve("report.txt"), "This is a radiology report, not an image.",
                StandardCharsets.UTF_8);
        var big = TestImages.ct(study, 64, 64);
        Path truncated = folder.resolve("truncated.dcm");
        byte[] whole = Files.readAllBytes(TestImages.write(big, folder));
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length - 1000));
        var noUid = TestImages.ct(study, 16, 16);
        Path missingSeries = TestImages.writeWithout(noUid, folder.resolve("missing"), "0020,000e");
        var worklist = TestImages.ct(study, 16, 16).ofClass("1.2.840.10008.5.1.4.31");
        Path notStorage = TestImages.write(worklist, folder.resolve("class"));

        var answer = dicomWeb.store(CityTokens.hospital("H001"), List.of(goodFile, notDicom, truncated, missingSeries,
                notStorage));

        assertThat(answer.status()).as(answer.text()).isEqualTo(202);
        JsonNode failed = answer.json().path("00081198").path("Value");
        assertThat(reasons(failed)).containsExactly(0xC000, 0xC000, 0xA900, 0x0122);
        assertThat(comments(failed).get(0)).contains("Not a readable DICOM object");
        assertThat(comments(failed).get(1)).contains("Truncated object");
        assertThat(comments(failed).get(2)).contains("Series Instance UID (0020,000E) is missing");
        assertThat(comments(failed).get(3)).contains("Not a storage SOP class");
        assertThat(answer.json().path("00081199").path("Value")).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from instance where sop_instance_uid in (?, ?, ?)", Integer.class,
                big.sopInstanceUid(), noUid.sopInstanceUid(), worklist.sopInstanceUid())).isZero();
        assertThat(jdbc.queryForObject("select instance_count from study where study_uid = ?", Integer.class,
                study.studyUid())).isEqualTo(1);
    }

    @Test
    void an_instance_of_another_study_than_the_url_names_is_refused() {
        var study = TestImages.study("MRN-STOW-URL-1", "H001", "Url^Study", "20261123");
        var image = TestImages.ct(study, 16, 16);

        var answer = dicomWeb.store(CityTokens.hospital("H001"), List.of(TestImages.write(image, folder)),
                "/studies/" + TestImages.uid());

        assertThat(answer.status()).isEqualTo(409);
        assertThat(comments(answer.json().path("00081198").path("Value")).get(0)).contains("not to");
        assertThat(jdbc.queryForObject("select count(*) from instance where sop_instance_uid = ?", Integer.class,
                image.sopInstanceUid())).isZero();
    }

    @Test
    void bodies_that_are_not_multipart_dicom_or_are_cut_off_get_a_clear_4xx() {
        String token = CityTokens.hospital("H001");

        var json = dicomWeb.post(token, "/studies", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        var noBoundary = dicomWeb.post(token, "/studies", "multipart/related; type=\"application/dicom\"", new byte[10]);
        var cutOff = dicomWeb.post(token, "/studies", "multipart/related; type=\"application/dicom\"; boundary=b",
                "--b\r\nContent-Type: application/dicom\r\n\r\nDICM and then nothing".getBytes(StandardCharsets.US_ASCII));

        assertThat(json.status()).isEqualTo(415);
        assertThat(noBoundary.status()).isEqualTo(400);
        assertThat(cutOff.status()).isEqualTo(400);
        assertThat(cutOff.text()).contains("ends inside part 1");
    }

    @Test
    void only_a_hospitals_systems_store_and_only_with_a_token() {
        var image = TestImages.ct(TestImages.study("MRN-STOW-WHO-1", "H001", "Who^Stores", "20261123"), 16, 16);
        Path file = TestImages.write(image, folder);

        assertThat(dicomWeb.store(null, List.of(file)).status()).isEqualTo(401);
        assertThat(dicomWeb.store(CityTokens.doctor("dr.wang"), List.of(file)).status()).isEqualTo(403);
        assertThat(dicomWeb.store(CityTokens.insurer(), List.of(file)).status()).isEqualTo(403);
    }

    private static List<Integer> reasons(JsonNode failed) {
        List<Integer> reasons = new ArrayList<>();
        failed.forEach(item -> reasons.add(item.path("00081197").path("Value").get(0).asInt()));
        return reasons;
    }

    private static List<String> comments(JsonNode failed) {
        List<String> comments = new ArrayList<>();
        failed.forEach(item -> comments.add(item.path("00000902").path("Value").get(0).asText()));
        return comments;
    }
}
