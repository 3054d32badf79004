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
        var identity = sources.identify("12345", "CCH", "H002");

        assertThat(identity.hospital()).isEqualTo("H001");
        assertThat(identity.recordSystem()).isEqualTo("https://fhir.onecity.example/sid/hospital/H001/mrn");
        assertThat(identity.issuer()).isEqualTo("CCH");
    }

    @Test
    void without_an_issuer_the_record_numbers_are_the_sending_hospitals() {
        var identity = sources.identify("12345", null, "H002");

        assertThat(identity.hospital()).isEqualTo("H002");
        assertThat(identity.issuer()).isEqualTo("H002");
    }

    @Test
    void an_unknown_issuer_is_kept_apart_under_the_sending_hospital() {
        var identity = sources.identify("12345", "SOME-CLINIC", "H002");

        assertThat(identity.hospital()).isEqualTo("H002");
        assertThat(identity.issuer()).isEqualTo("SOME-CLINIC");
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
