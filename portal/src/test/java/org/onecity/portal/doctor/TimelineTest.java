package org.onecity.portal.doctor;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void itemsFromEveryHospitalAreOneListNewestFirstEachNamingItsHospital() throws Exception {
        TimelineItem older = CityRecord.item(json.readTree("""
                {"resourceType":"Observation","id":"1","meta":{"tag":[{"system":"https://fhir.onecity.example/CodeSystem/source-hospital","code":"H001"}]},
                 "code":{"coding":[{"system":"http://loinc.org","code":"718-7","display":"Hemoglobin"}]},
                 "effectiveDateTime":"2024-01-02T01:00:00+00:00","valueQuantity":{"value":17.3,"unit":"g/dL"}}""")).orElseThrow();
        TimelineItem newer = CityRecord.item(json.readTree("""
                {"resourceType":"Encounter","id":"2","meta":{"tag":[{"system":"https://fhir.onecity.example/CodeSystem/source-hospital","code":"H002"}]},
                 "status":"in-progress","class":{"code":"IMP","display":"inpatient encounter"},"period":{"start":"2026-12-01"}}""")).orElseThrow();

        Timeline timeline = Timeline.of(List.of(older, newer));

        assertThat(timeline.items()).containsExactly(newer, older);
        assertThat(timeline.hospitals()).containsExactly("H002", "H001");
        assertThat(older.hasTrend()).isTrue();
        assertThat(older.code()).isEqualTo("718-7");
        assertThat(older.detail()).isEqualTo("17.3 g/dL");
        assertThat(newer.title()).isEqualTo("inpatient encounter");
    }

    @Test
    void atOneMomentTheEncounterComesBeforeItsResultsAndUndatedItemsGoLast() {
        Instant moment = Instant.parse("2024-02-01T01:00:00Z");
        TimelineItem result = new TimelineItem(TimelineItem.Kind.RESULT, moment, "Glucose", "", "H001", "Observation/1", "2345-7", null);
        TimelineItem encounter = new TimelineItem(TimelineItem.Kind.ENCOUNTER, moment, "Visit", "", "H001", "Encounter/1", null, null);
        TimelineItem undated = new TimelineItem(TimelineItem.Kind.DOCUMENT, null, "Letter", "", "H002", "DocumentReference/1", null, null);

        assertThat(Timeline.of(List.of(undated, result, encounter)).items()).containsExactly(encounter, result, undated);
    }

    @Test
    void anImagingStudyOpensItsImagesByItsStudyUidAndOtherRecordsAreNotOnTheTimeline() throws Exception {
        TimelineItem study = CityRecord.item(json.readTree("""
                {"resourceType":"ImagingStudy","id":"3","identifier":[{"system":"urn:dicom:uid","value":"urn:oid:1.2.3"}],
                 "started":"2026-12-01T08:00:00+08:00","description":"CT chest","numberOfSeries":1,"numberOfInstances":3}""")).orElseThrow();

        assertThat(study.hasImages()).isTrue();
        assertThat(study.studyUid()).isEqualTo("1.2.3");
        assertThat(study.detail()).isEqualTo("1 series, 3 images");
        assertThat(CityRecord.item(json.readTree("{\"resourceType\":\"ChargeItem\",\"id\":\"4\"}"))).isEmpty();
    }
}
