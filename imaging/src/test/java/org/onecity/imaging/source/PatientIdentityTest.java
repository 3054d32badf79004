package org.onecity.imaging.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onecity.common.test.CityTokens;
import org.onecity.imaging.dimse.DimseServer;
import org.onecity.imaging.support.DicomWebClient;
import org.onecity.imaging.support.Dcmtk;
import org.onecity.imaging.support.ImagingTest;
import org.onecity.imaging.support.TestImages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Patients across sources (docs/imaging.md, "Patient identity across sources"), one test per rule: a registered
 * issuer means its hospital's record numbers, whoever sends; no issuer means the sender's; an issuer no hospital
 * registered, or no Patient ID, is kept apart and joins nobody until the bureau links it; differing demographics are
 * kept, not refused.
 */
@ImagingTest
class PatientIdentityTest {

    private static final String H001_MRN = "https://fhir.onecity.example/sid/hospital/H001/mrn";

    @Autowired
    DimseServer dimse;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DicomWebClient dicomWeb;
    @TempDir
    Path folder;

    @Test
    void an_unregistered_issuer_never_joins_the_senders_patient_of_the_same_number() {
        String mrn = "MRN-X-" + TestImages.uid().substring(5, 12);
        var hospitals = TestImages.study(mrn, null, "Zhao^Lei", "20261101");
        var stranger = TestImages.study(mrn, "SOME-CLINIC", "Qin^Mei", "20261102");

        send("H001_PACS", TestImages.ct(hospitals, 16, 16));
        send("H001_PACS", TestImages.ct(stranger, 16, 16));

        var h001 = patientOf(hospitals.studyUid());
        var apart = patientOf(stranger.studyUid());
        assertThat(apart.get("id")).isNotEqualTo(h001.get("id"));
        assertThat(h001).containsEntry("record_system", H001_MRN).containsEntry("kept_apart", null);
        assertThat(apart).containsEntry("record_system", null).containsEntry("kept_apart", "UNREGISTERED_ISSUER")
                .containsEntry("issuer", "SOME-CLINIC").containsEntry("hospital", "H001");
        assertThat(mirrored(hospitals.studyUid())).isTrue();
        assertThat(mirrored(stranger.studyUid())).as("a study of nobody's record is not mirrored").isFalse();
    }

    @Test
    void the_same_unregistered_issuer_and_number_from_one_sender_is_one_patient_kept_apart() {
        String mrn = "MRN-Y-" + TestImages.uid().substring(5, 12);
        var first = TestImages.study(mrn, "SOME-CLINIC", "Qin^Mei", "20261102");
        var second = TestImages.study(mrn, "SOME-CLINIC", "Qin^Mei", "20261103");

        send("H001_PACS", TestImages.ct(first, 16, 16));
        send("H001_CT", TestImages.ct(second, 16, 16));
        send("H002_PACS", TestImages.ct(TestImages.study(mrn, "SOME-CLINIC", "Qin^Mei", "20261104"), 16, 16));

        assertThat(patientOf(first.studyUid()).get("id")).isEqualTo(patientOf(second.studyUid()).get("id"));
        assertThat(jdbc.queryForObject("select count(*) from patient where patient_id = ? and kept_apart is not null",
                Integer.class, mrn)).as("another sender's stranger is another patient").isEqualTo(2);
    }

    @Test
    void a_registered_issuer_and_no_issuer_from_its_hospital_are_one_patient() {
        String mrn = "MRN-Z-" + TestImages.uid().substring(5, 12);
        var implied = TestImages.study(mrn, null, "Wu^Fang", "20261101");
        var named = TestImages.study(mrn, "CCH", "Wu^Fang", "20261102");

        send("H001_PACS", TestImages.ct(implied, 16, 16));
        send("H002_PACS", TestImages.ct(named, 16, 16));
        send("H001_CT", TestImages.ct(implied, 16, 16));

        assertThat(patientOf(implied.studyUid()).get("id")).isEqualTo(patientOf(named.studyUid()).get("id"));
        assertThat(patientOf(named.studyUid())).containsEntry("record_system", H001_MRN);
    }

    @Test
    void objects_without_a_patient_id_are_stored_apart_per_study_and_not_mirrored() {
        var first = TestImages.study("unused", null, "Anonymous", "20261101");
        var second = TestImages.study("unused", null, "Anonymous", "20261101");
        Path absent = TestImages.writeWithout(TestImages.ct(first, 16, 16), folder.resolve("absent"), "0010,0020");
        Path empty = TestImages.write(TestImages.ct(second, 16, 16), folder.resolve("empty"));
        Dcmtk.ok("dcmodify", "-nb", "-i", "(0010,0020)=", empty.toString());

        sendFile("H001_PACS", absent);
        sendFile("H001_PACS", empty);

        var one = patientOf(first.studyUid());
        var other = patientOf(second.studyUid());
        assertThat(one.get("id")).isNotEqualTo(other.get("id"));
        assertThat(one).containsEntry("kept_apart", "NO_PATIENT_ID").containsEntry("hospital", "H001")
                .containsEntry("patient_id", "");
        assertThat(mirrored(first.studyUid())).isFalse();
        assertThat(mirrored(second.studyUid())).isFalse();
    }

    @Test
    void the_bureau_sees_patients_kept_apart_and_links_one_to_a_hospital_patient_which_mirrors_its_studies() {
        String number = "MRN-L-" + TestImages.uid().substring(5, 12);
        var study = TestImages.study(number, "OLD-RIS", "Lin^Tao", "20261101");
        send("H001_PACS", TestImages.ct(study, 16, 16));
        long id = ((Number) patientOf(study.studyUid()).get("id")).longValue();

        var listed = dicomWeb.getJson(CityTokens.admin(), "/reconciliation/patients?limit=1000");
        var byHospital = dicomWeb.getJson(CityTokens.hospital("H001"), "/reconciliation/patients");
        var linkByHospital = dicomWeb.putJson(CityTokens.hospital("H001"), "/reconciliation/patients/" + id + "/link",
                "{\"hospital\": \"H001\", \"patientId\": \"" + number + "\"}");
        var unknownHospital = dicomWeb.putJson(CityTokens.admin(), "/reconciliation/patients/" + id + "/link",
                "{\"hospital\": \"H999\", \"patientId\": \"" + number + "\"}");
        var linked = dicomWeb.putJson(CityTokens.admin(), "/reconciliation/patients/" + id + "/link",
                "{\"hospital\": \"H001\", \"patientId\": \"" + number + "\"}");
        var again = dicomWeb.putJson(CityTokens.admin(), "/reconciliation/patients/" + id + "/link",
                "{\"hospital\": \"H001\", \"patientId\": \"" + number + "\"}");
        send("H001_CT", TestImages.ct(study, 16, 16));

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.text()).contains(study.studyUid()).contains("OLD-RIS").contains("UNREGISTERED_ISSUER");
        assertThat(byHospital.status()).isEqualTo(403);
        assertThat(linkByHospital.status()).isEqualTo(403);
        assertThat(unknownHospital.status()).isEqualTo(400);
        assertThat(linked.status()).as(linked.text()).isEqualTo(200);
        assertThat(linked.text()).contains(study.studyUid());
        assertThat(again.status()).isEqualTo(404);
        assertThat(patientOf(study.studyUid())).containsEntry("record_system", H001_MRN)
                .containsEntry("patient_id", number);
        assertThat(mirrored(study.studyUid())).isTrue();
        assertThat(jdbc.queryForObject("select instance_count from study where study_uid = ?", Integer.class,
                study.studyUid())).as("what comes later under the kept-apart identity follows the link").isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from access_log where action = 'reconciliation-link' "
                + "and study_uid = ?", Integer.class, study.studyUid())).isEqualTo(1);
    }

    private java.util.Map<String, Object> patientOf(String studyUid) {
        return jdbc.queryForMap("""
                select p.id, p.hospital, p.record_system, p.issuer, p.patient_id, p.kept_apart
                  from patient p join study st on st.patient = p.id where st.study_uid = ?""", studyUid);
    }

    private boolean mirrored(String studyUid) {
        return jdbc.queryForObject("select count(*) from mirror_outbox where study_uid = ?", Integer.class, studyUid) > 0;
    }

    private void sendFile(String callingAe, Path file) {
        Dcmtk.ok("storescu", "-aet", callingAe, "-aec", "ONECITY", "127.0.0.1", String.valueOf(dimse.port()),
                file.toString());
    }

    @Test
    void a_study_sent_by_another_hospital_with_the_issuer_of_h001_is_filed_under_h001s_record_number() {
        String mrn = "MRN-ISSUER-" + TestImages.uid().substring(5, 12);
        var study = TestImages.study(mrn, "CCH", "Sun^Li", "20261101");

        send("H002_PACS", TestImages.ct(study, 16, 16));

        var patient = jdbc.queryForMap("""
                select p.hospital, p.record_system, p.issuer, st.hospital as sender
                  from patient p join study st on st.patient = p.id where st.study_uid = ?""", study.studyUid());
        assertThat(patient.get("hospital")).isEqualTo("H001");
        assertThat(patient.get("record_system")).isEqualTo("https://fhir.onecity.example/sid/hospital/H001/mrn");
        assertThat(patient.get("issuer")).isEqualTo("CCH");
        assertThat(patient.get("sender")).isEqualTo("H002");
    }

    @Test
    void demographics_that_differ_from_those_recorded_are_stored_and_recorded_as_differences() {
        String mrn = "MRN-DEMO-" + TestImages.uid().substring(5, 12);
        var first = TestImages.study(mrn, "H001", "Qian^Hong", "20261101");
        var later = TestImages.study(mrn, "H001", "Qian^Hongmei", "20261115");

        send("H001_PACS", TestImages.ct(first, 16, 16));
        send("H001_PACS", TestImages.ct(later, 16, 16));

        assertThat(jdbc.queryForObject("""
                select count(*) from study st join patient p on p.id = st.patient where p.patient_id = ?""",
                Integer.class, mrn)).isEqualTo(2);
        var difference = jdbc.queryForMap("""
                select d.attribute, d.recorded, d.received from demographic_difference d join patient p on p.id = d.patient
                 where p.patient_id = ?""", mrn);
        assertThat(difference).containsEntry("attribute", "PatientName").containsEntry("recorded", "Qian^Hong")
                .containsEntry("received", "Qian^Hongmei");
    }

    private void send(String callingAe, TestImages.Image image) {
        Dcmtk.ok("storescu", "-aet", callingAe, "-aec", "ONECITY", "127.0.0.1", String.valueOf(dimse.port()),
                TestImages.write(image, folder).toString());
    }
}
