package org.onecity.imaging.source;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DicomSourcesTest {

    private final DicomSources sources = new DicomSources(List.of(
            new DicomSource("H001", List.of("H001_PACS"), List.of("H001", "CCH"),
                    List.of(new DicomSource.Destination("H001_WS", "10.0.0.5", 104))),
            new DicomSource("H002", List.of("H002_PACS"), List.of("H002"), List.of())));

    @Test
    void an_issuer_of_patient_id_names_the_hospital_whose_record_numbers_they_are() {
        var identity = sources.identify("12345", "CCH", "H002", "1.2.3");

        assertThat(identity.hospital()).isEqualTo("H001");
        assertThat(identity.recordSystem()).isEqualTo("https://fhir.onecity.example/sid/hospital/H001/mrn");
        assertThat(identity.issuer()).isEqualTo("CCH");
    }

    @Test
    void without_an_issuer_the_record_numbers_are_the_sending_hospitals() {
        var identity = sources.identify("12345", null, "H002", "1.2.3");

        assertThat(identity.hospital()).isEqualTo("H002");
        assertThat(identity.issuer()).isEqualTo("H002");
    }

    @Test
    void an_unknown_issuer_is_kept_apart_under_the_sending_hospital() {
        var identity = sources.identify("12345", "SOME-CLINIC", "H002", "1.2.3");

        assertThat(identity.hospital()).isEqualTo("H002");
        assertThat(identity.issuer()).isEqualTo("SOME-CLINIC");
        assertThat(identity.recordSystem()).as("nobody's record number").isNull();
        assertThat(identity.keptApart()).isEqualTo(DicomSources.KeptApart.UNREGISTERED_ISSUER);
        assertThat(identity.key()).isNotEqualTo(sources.identify("12345", null, "H002", "1.2.3").key());
    }

    @Test
    void a_registered_issuer_and_none_from_its_hospital_are_the_same_record_number() {
        assertThat(sources.identify("12345", "CCH", "H002", "1.2.3").key())
                .isEqualTo(sources.identify("12345", null, "H001", "1.2.4").key())
                .isEqualTo(sources.identify("12345", "H001", "H001", "1.2.5").key());
    }

    @Test
    void without_a_patient_id_each_study_is_kept_apart_on_its_own() {
        var one = sources.identify(null, null, "H001", "1.2.3");
        var other = sources.identify(null, null, "H001", "1.2.4");

        assertThat(one.keptApart()).isEqualTo(DicomSources.KeptApart.NO_PATIENT_ID);
        assertThat(one.patientId()).isEmpty();
        assertThat(one.key()).isNotEqualTo(other.key());
    }

    @Test
    void only_registered_ae_titles_call_and_move_destinations_belong_to_their_hospital() {
        assertThat(sources.knows("H001_PACS")).isTrue();
        assertThat(sources.knows(" H001_PACS ")).isTrue();
        assertThat(sources.knows("STRANGER")).isFalse();
        assertThat(sources.destinationsOf("H001")).extracting(DicomSource.Destination::aeTitle).containsExactly("H001_WS");
        assertThat(sources.destinationsOf("H002")).isEmpty();
    }
}
