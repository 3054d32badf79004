package org.onecity.fhir.ingest;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.onecity.common.city.Hospital;

import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What recognises a repeated push of a record whose type has no identifier. */
class IntakeKeyTest {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final Hospital H001 = new Hospital("H001", null, 3, List.of());
    static final Hospital H002 = new Hospital("H002", null, 2, List.of());
    static final String REPORT = "DiagnosticReport|https://fhir.onecity.example/sid/hospital/H001/report|R-1";

    @Test
    void aProvenanceIsRecognisedByWhatItIsAboutAndWhenWhateverUuidsTheEngineMadeThisTime() {
        String first = key(provenance("urn:uuid:a", 1000), H001, Map.of("urn:uuid:a", REPORT));
        String again = key(provenance("urn:uuid:b", 1000), H001, Map.of("urn:uuid:b", REPORT));

        assertThat(again).isEqualTo(first);
        assertThat(IntakeKey.of(provenance("urn:uuid:a", 1000), H001, Map.of(), FHIR).orElseThrow().getSystem())
                .isEqualTo(IntakeKey.SYSTEM);
    }

    @Test
    void aProvenanceRecordedAtAnotherTimeOrAboutAnotherRecordIsAnotherOne() {
        String first = key(provenance("urn:uuid:a", 1000), H001, Map.of("urn:uuid:a", REPORT));

        assertThat(key(provenance("urn:uuid:a", 2000), H001, Map.of("urn:uuid:a", REPORT))).isNotEqualTo(first);
        assertThat(key(provenance("urn:uuid:a", 1000), H001, Map.of("urn:uuid:a", REPORT + "0"))).isNotEqualTo(first);
    }

    @Test
    void theSameContentFromTwoHospitalsIsTwoRecords() {
        assertThat(key(provenance("Patient/1", 1000), H002, Map.of()))
                .isNotEqualTo(key(provenance("Patient/1", 1000), H001, Map.of()));
    }

    @Test
    void aHospitalsOwnKeyDecides() {
        Provenance one = provenance("Patient/1", 1000);
        one.addExtension(IntakeKey.EXTENSION, new StringType("prov-77"));
        Provenance other = provenance("Patient/2", 5000);
        other.addExtension(IntakeKey.EXTENSION, new StringType("prov-77"));

        assertThat(key(other, H001, Map.of())).isEqualTo(key(one, H001, Map.of()));
    }

    @Test
    void anyOtherTypeWithoutIdentifiersIsRecognisedByItsContent() {
        Binary note = new Binary().setContentType("text/plain");
        note.setData("stable".getBytes());
        Binary same = note.copy();
        Binary changed = new Binary().setContentType("text/plain");
        changed.setData("changed".getBytes());

        assertThat(key(same, H001, Map.of())).isEqualTo(key(note, H001, Map.of()));
        assertThat(key(changed, H001, Map.of())).isNotEqualTo(key(note, H001, Map.of()));
    }

    @Test
    void aTypeWithIdentifiersIsRecognisedByItsIdentifierNotByAnIntakeKey() {
        assertThat(IntakeKey.of(new Observation(), H001, Map.of(), FHIR)).isEmpty();
    }

    private static String key(org.hl7.fhir.r4.model.Resource resource, Hospital sender, Map<String, String> identities) {
        return IntakeKey.of(resource, sender, identities, FHIR).orElseThrow().getCode();
    }

    private static Provenance provenance(String target, long recorded) {
        Provenance provenance = new Provenance().addTarget(new Reference(target)).setRecorded(new Date(recorded));
        provenance.addAgent().setWho(new Reference().setDisplay("H001 integration engine"));
        return provenance;
    }
}
