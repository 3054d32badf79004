package org.onecity.fhir.support;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.onecity.common.city.CityIdentifiers;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/** Bundles a hospital pushes about one person's recent tests: a lab panel with one result, an imaging study, a stay. */
public final class RecentResults {

    private final HospitalFeed feed;
    private final String hospital;

    public RecentResults(String hospital) {
        this.hospital = hospital;
        this.feed = new HospitalFeed(hospital);
    }

    /** A CBC panel report with its hemoglobin result, performed {@code daysAgo} days ago. */
    public Bundle bloodCount(int person, int daysAgo, String label) {
        Bundle bundle = start(person);
        String patient = bundle.getEntry().get(1).getFullUrl();
        Date performed = Date.from(Instant.now().minus(daysAgo, ChronoUnit.DAYS));
        Observation hemoglobin = new Observation();
        hemoglobin.addIdentifier().setSystem(namespace() + "lab-result").setValue("HB-" + person + "-" + label);
        hemoglobin.setStatus(Observation.ObservationStatus.FINAL);
        hemoglobin.setCode(new CodeableConcept(new Coding(CityIdentifiers.LOINC, "718-7", "Hemoglobin [Mass/volume] in Blood")));
        hemoglobin.setSubject(new Reference(patient));
        hemoglobin.setEffective(new DateTimeType(performed));
        hemoglobin.setValue(new Quantity().setValue(13.4).setUnit("g/dL").setSystem("http://unitsofmeasure.org").setCode("g/dL"));
        String hemoglobinRef = HospitalFeed.add(bundle, hemoglobin);
        DiagnosticReport report = new DiagnosticReport();
        report.addIdentifier().setSystem(namespace() + "report").setValue("CBC-" + person + "-" + label);
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.setCode(new CodeableConcept(new Coding(CityIdentifiers.LOINC, "58410-2", "CBC panel - Blood by Automated count")));
        report.setSubject(new Reference(patient));
        report.setEffective(new DateTimeType(performed));
        report.setIssued(performed);
        report.addResult(new Reference(hemoglobinRef));
        HospitalFeed.add(bundle, report);
        return bundle;
    }

    /** A CT of the chest, available, started {@code daysAgo} days ago. */
    public Bundle chestCt(int person, int daysAgo) {
        Bundle bundle = start(person);
        ImagingStudy study = new ImagingStudy();
        study.addIdentifier().setSystem(namespace() + "accession").setValue("ACC-CT-" + person);
        study.addIdentifier().setSystem("urn:dicom:uid").setValue("urn:oid:1.2.826.0.1.3680043.10." + person + "." + hospital.substring(1));
        study.setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE);
        study.setSubject(new Reference(bundle.getEntry().get(1).getFullUrl()));
        study.setStarted(Date.from(Instant.now().minus(daysAgo, ChronoUnit.DAYS)));
        study.addModality(new Coding("http://dicom.nema.org/resources/ontology/DCM", "CT", "Computed Tomography"));
        study.addProcedureCode(new CodeableConcept(new Coding(CityIdentifiers.LOINC, "24627-2", "CT Chest")));
        study.setNumberOfSeries(1).setNumberOfInstances(120);
        HospitalFeed.add(bundle, study);
        return bundle;
    }

    /** The person is in hospital here now: this hospital's doctors care for them. */
    public Bundle admission(int person) {
        Bundle bundle = start(person);
        Encounter stay = new Encounter();
        stay.addIdentifier().setSystem(namespace() + "encounter").setValue("ADM-" + person);
        stay.setStatus(Encounter.EncounterStatus.INPROGRESS);
        stay.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"));
        stay.setSubject(new Reference(bundle.getEntry().get(1).getFullUrl()));
        stay.setPeriod(new Period().setStart(new Date()));
        HospitalFeed.add(bundle, stay);
        return bundle;
    }

    private Bundle start(int person) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        HospitalFeed.add(bundle, feed.hospital());
        HospitalFeed.add(bundle, feed.patient(person));
        return bundle;
    }

    private String namespace() {
        return CityIdentifiers.hospitalNamespace(hospital);
    }
}
