package org.onecity.imaging.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onecity.imaging.dimse.DimseServer;
import org.onecity.imaging.support.Dcmtk;
import org.onecity.imaging.support.ImagingTest;
import org.onecity.imaging.support.TestImages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Patients across sources: issuers map to hospitals' record numbers; differing demographics are kept, not refused. */
@ImagingTest
class PatientIdentityTest {

    @Autowired
    DimseServer dimse;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path folder;

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
