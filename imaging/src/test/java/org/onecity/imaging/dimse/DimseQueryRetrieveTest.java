package org.onecity.imaging.dimse;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.onecity.imaging.support.Dcmtk;
import org.onecity.imaging.support.ImagingTest;
import org.onecity.imaging.support.TestImages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PACS workstation finds prior studies with findscu and pulls them with movescu to its own storage SCP
 * (dcmtk's storescp).
 */
@ImagingTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DimseQueryRetrieveTest {

    @Autowired
    DimseServer dimse;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    static Path folder;

    TestImages.Study prior;
    TestImages.Study older;
    TestImages.Study elsewhere;
    List<TestImages.Image> priorImages = new ArrayList<>();

    @BeforeAll
    void storeStudies() {
        String suffix = TestImages.uid().substring(5, 13);
        prior = TestImages.study("MRN-QR-" + suffix, "H001", "Li^Lei" + suffix, "20261101");
        older = TestImages.study("MRN-QR-" + suffix, "H001", "Li^Lei" + suffix, "20240315");
        elsewhere = TestImages.study("MRN-QR-E" + suffix, "H002", "Li^Lei" + suffix, "20261101");
        var first = TestImages.ct(prior, 32, 32);
        priorImages.add(first);
        priorImages.add(first.numbered(2));
        priorImages.add(TestImages.ct(prior, 32, 32).numbered(1));
        send("H001_PACS", priorImages.stream().map(i -> TestImages.write(i, folder.resolve("prior"))).toList());
        send("H001_PACS", List.of(TestImages.write(TestImages.ct(older, 16, 16), folder.resolve("older"))));
        send("H002_PACS", List.of(TestImages.write(TestImages.ct(elsewhere, 16, 16), folder.resolve("elsewhere"))));
    }

    @Test
    void studies_are_found_by_name_wildcard_and_date_range_within_the_hospital() {
        String namePattern = prior.patientName().substring(0, 4) + "*" + prior.patientName().substring(6);

        List<AttributeList> recent = find("H001_PACS", "-S", "QueryRetrieveLevel=STUDY", "PatientName=" + namePattern,
                "StudyDate=20261001-20261130", "StudyInstanceUID", "NumberOfStudyRelatedInstances",
                "NumberOfStudyRelatedSeries", "ModalitiesInStudy", "AccessionNumber");
        List<AttributeList> all = find("H001_PACS", "-S", "QueryRetrieveLevel=STUDY", "PatientName=" + namePattern,
                "StudyInstanceUID");

        assertThat(recent).hasSize(1);
        AttributeList study = recent.get(0);
        assertThat(value(study, TagFromName.StudyInstanceUID)).isEqualTo(prior.studyUid());
        assertThat(value(study, TagFromName.NumberOfStudyRelatedInstances)).isEqualTo("3");
        assertThat(value(study, TagFromName.NumberOfStudyRelatedSeries)).isEqualTo("2");
        assertThat(value(study, TagFromName.ModalitiesInStudy)).isEqualTo("CT");
        assertThat(value(study, TagFromName.AccessionNumber)).isEqualTo(prior.accession());
        // the other hospital's study of a patient with the same name is not this PACS's to see
        assertThat(all).extracting(a -> value(a, TagFromName.StudyInstanceUID))
                .containsExactlyInAnyOrder(prior.studyUid(), older.studyUid());
    }

    @Test
    void patients_series_and_instances_are_found_at_their_levels() {
        List<AttributeList> patients = find("H001_PACS", "-P", "QueryRetrieveLevel=PATIENT", "PatientID=" + prior.patientId(),
                "PatientName", "PatientBirthDate");
        List<AttributeList> series = find("H001_PACS", "-S", "QueryRetrieveLevel=SERIES",
                "StudyInstanceUID=" + prior.studyUid(), "SeriesInstanceUID", "Modality", "NumberOfSeriesRelatedInstances");
        List<AttributeList> instances = find("H001_PACS", "-S", "QueryRetrieveLevel=IMAGE",
                "StudyInstanceUID=" + prior.studyUid(), "SeriesInstanceUID=" + priorImages.get(0).seriesUid(),
                "SOPInstanceUID", "InstanceNumber");

        assertThat(patients).hasSize(1);
        assertThat(value(patients.get(0), TagFromName.PatientName)).isEqualTo(prior.patientName());
        assertThat(value(patients.get(0), TagFromName.PatientBirthDate)).isEqualTo("19800101");
        assertThat(series).extracting(a -> value(a, TagFromName.NumberOfSeriesRelatedInstances))
                .containsExactlyInAnyOrder("2", "1");
        assertThat(instances).extracting(a -> value(a, TagFromName.SOPInstanceUID))
                .containsExactly(priorImages.get(0).sopInstanceUid(), priorImages.get(1).sopInstanceUid());
        assertThat(jdbc.queryForObject("select count(*) from access_log where who = 'H001_PACS' and action = 'c-find-study'"
                + " or study_uid = ?", Integer.class, prior.studyUid())).isPositive();
    }

    @Test
    void a_workstation_pulls_a_prior_study_to_itself_and_nowhere_else() throws Exception {
        Path received = Files.createDirectories(folder.resolve("workstation"));
        Process workstation = new ProcessBuilder("storescp", "-aet", "H001_WS", "-od", received.toString(), "41104")
                .redirectErrorStream(true).redirectOutput(folder.resolve("storescp.log").toFile()).start();
        try {
            Thread.sleep(500);
            Dcmtk.Run move = Dcmtk.run("movescu", "-S", "-aet", "H001_PACS", "-aec", "ONECITY", "-aem", "H001_WS",
                    "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + prior.studyUid(), "127.0.0.1", port());
            assertThat(move.succeeded()).as(move.output()).isTrue();

            List<String> arrived;
            try (Stream<Path> files = Files.list(received)) {
                arrived = files.map(DimseQueryRetrieveTest::sopInstanceUid).toList();
            }
            assertThat(arrived).containsExactlyInAnyOrderElementsOf(
                    priorImages.stream().map(TestImages.Image::sopInstanceUid).toList());

            Dcmtk.Run otherHospitals = Dcmtk.run("movescu", "-d", "-S", "-aet", "H001_PACS", "-aec", "ONECITY", "-aem",
                    "H002_WS", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + prior.studyUid(),
                    "127.0.0.1", port());
            assertThat(otherHospitals.output()).contains("0xa801");
        } finally {
            workstation.destroy();
        }
    }

    private List<AttributeList> find(String callingAe, String model, String... keys) {
        try {
            Path out = Files.createTempDirectory(folder, "find");
            List<String> command = new ArrayList<>(List.of("findscu", model, "-X", "-od", out.toString(), "-aet", callingAe,
                    "-aec", "ONECITY"));
            for (String key : keys) {
                command.add("-k");
                command.add(key);
            }
            command.add("127.0.0.1");
            command.add(port());
            Dcmtk.ok(command.toArray(String[]::new));
            try (Stream<Path> files = Files.list(out)) {
                return files.sorted().map(DimseQueryRetrieveTest::read).toList();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(String callingAe, List<Path> files) {
        List<String> command = new ArrayList<>(List.of("storescu", "-aet", callingAe, "-aec", "ONECITY", "127.0.0.1", port()));
        files.forEach(f -> command.add(f.toString()));
        Dcmtk.ok(command.toArray(String[]::new));
    }

    private static AttributeList read(Path file) {
        try {
            AttributeList list = new AttributeList();
            list.read(file.toFile());
            return list;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sopInstanceUid(Path file) {
        return value(read(file), TagFromName.SOPInstanceUID);
    }

    private static String value(AttributeList list, com.pixelmed.dicom.AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(list, tag);
    }

    private String port() {
        return String.valueOf(dimse.port());
    }
}
