package org.onecity.imaging.dicom;

import java.time.LocalDate;

/**
 * The attributes of a received instance that the study index keeps: patient, study, series and instance levels.
 * Plain values, read from the object's header; empty strings are normalised to null.
 */
public record InstanceAttributes(
        String patientId, String issuerOfPatientId, String patientName, String birthDate, String sex,
        String otherPatientIds,
        String studyUid, LocalDate studyDate, String studyTime, String accessionNumber, String studyId,
        String studyDescription, String referringPhysician,
        String seriesUid, String modality, Integer seriesNumber, String seriesDescription, String bodyPart,
        String sopClassUid, String sopInstanceUid, Integer instanceNumber, String transferSyntax,
        Integer rows, Integer columns, Integer frames) {
}
