package org.onecity.imaging.mirror;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Reference;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.onecity.common.city.CityIdentifiers;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;

/**
 * A study's ImagingStudy (FHIR R4) for the city record: the study UID as its identifier (DICOM's and the hospital's),
 * the patient by the hospital's record number, modalities, counts, started, and an Endpoint to WADO-RS.
 */
public final class ImagingStudies {

    public static final String DICOM_UID = "urn:dicom:uid";
    public static final String DICOM_MODALITY = "http://dicom.nema.org/resources/ontology/DCM";
    static final String CONNECTION_TYPE = "http://terminology.hl7.org/CodeSystem/endpoint-connection-type";

    private ImagingStudies() {
    }

    /** The hospital's own identifier system for its studies, which makes the mirror's writes idempotent. */
    public static String studySystem(String hospital) {
        return CityIdentifiers.hospitalNamespace(hospital) + "imaging-study";
    }

    public static ImagingStudy of(StudySnapshot study, String wadoRsBase, ZoneId zone) {
        ImagingStudy resource = new ImagingStudy();
        resource.addIdentifier().setSystem(DICOM_UID).setValue("urn:oid:" + study.studyUid());
        resource.addIdentifier().setSystem(studySystem(study.hospital())).setValue(study.studyUid());
        resource.setSubject(new Reference("Patient?identifier=" + study.recordSystem() + "|" + study.patientId()));
        if (study.deleted()) {
            // the hospital took the study back: the city record keeps that it existed, marked as an error
            resource.setStatus(ImagingStudy.ImagingStudyStatus.ENTEREDINERROR);
            resource.setNumberOfSeries(0).setNumberOfInstances(0);
            return resource;
        }
        resource.setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE);
        study.modalities().forEach(m -> resource.addModality(new Coding(DICOM_MODALITY, m, null)));
        resource.setNumberOfSeries(study.numberOfSeries()).setNumberOfInstances(study.numberOfInstances());
        if (study.description() != null) {
            resource.setDescription(study.description());
        }
        if (study.date() != null) {
            resource.setStartedElement(started(study, zone));
        }
        if (study.accessionNumber() != null) {
            resource.addIdentifier().setType(new org.hl7.fhir.r4.model.CodeableConcept(
                    new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "ACSN", null)))
                    .setSystem(CityIdentifiers.hospitalNamespace(study.hospital()) + "accession")
                    .setValue(study.accessionNumber());
        }
        Endpoint endpoint = new Endpoint();
        endpoint.setId("wado");
        endpoint.setStatus(Endpoint.EndpointStatus.ACTIVE);
        endpoint.setConnectionType(new Coding(CONNECTION_TYPE, "dicom-wado-rs", null));
        endpoint.addPayloadType().setText("DICOM");
        endpoint.addPayloadMimeType("application/dicom");
        endpoint.setAddress(wadoRsBase);
        resource.addContained(endpoint);
        resource.addEndpoint(new Reference("#wado"));
        for (StudySnapshot.Series series : study.series()) {
            ImagingStudy.ImagingStudySeriesComponent component = resource.addSeries().setUid(series.uid())
                    .setNumberOfInstances(series.numberOfInstances());
            component.setModality(new Coding(DICOM_MODALITY, series.modality() == null ? "OT" : series.modality(), null));
            if (series.number() != null) {
                component.setNumber(series.number());
            }
            if (series.description() != null) {
                component.setDescription(series.description());
            }
        }
        return resource;
    }

    private static DateTimeType started(StudySnapshot study, ZoneId zone) {
        LocalTime time = parseTime(study.time());
        if (time == null) {
            return new DateTimeType(Date.from(study.date().atStartOfDay(zone).toInstant()), TemporalPrecisionEnum.DAY,
                    java.util.TimeZone.getTimeZone(zone));
        }
        return new DateTimeType(Date.from(study.date().atTime(time).atZone(zone).toInstant()),
                TemporalPrecisionEnum.SECOND, java.util.TimeZone.getTimeZone(zone));
    }

    /** DICOM TM: HHMMSS with optional fraction, or shorter forms. */
    private static LocalTime parseTime(String tm) {
        if (tm == null || tm.length() < 4) {
            return null;
        }
        try {
            String whole = tm.contains(".") ? tm.substring(0, tm.indexOf('.')) : tm;
            String padded = (whole + "000000").substring(0, 6);
            return LocalTime.parse(padded, DateTimeFormatter.ofPattern("HHmmss"));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
