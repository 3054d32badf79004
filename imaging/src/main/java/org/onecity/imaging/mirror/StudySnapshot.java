package org.onecity.imaging.mirror;

import java.time.LocalDate;
import java.util.List;

/**
 * A study as the index holds it now, for its ImagingStudy in the city record; {@code deleted} when it is gone.
 */
public record StudySnapshot(String studyUid, String hospital, String recordSystem, String patientId, boolean deleted,
                            LocalDate date, String time, String accessionNumber, String description,
                            List<String> modalities, int numberOfSeries, int numberOfInstances, List<Series> series) {

    public record Series(String uid, Integer number, String modality, String description, int numberOfInstances) {
    }

    static StudySnapshot deleted(String studyUid, String hospital, String recordSystem, String patientId) {
        return new StudySnapshot(studyUid, hospital, recordSystem, patientId, true, null, null, null, null, List.of(), 0,
                0, List.of());
    }
}
