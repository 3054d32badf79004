package org.onecity.fhir.support;

import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.onecity.common.city.CityIdentifiers;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic synthetic records a hospital's HIS and LIS would push for one patient: the hospital, the patient
 * with record number, citizen ID and insurance card, encounters, LOINC-coded lab results grouped in reports,
 * documents, orders and charges. Deterministic for a given hospital and patient number.
 */
public final class HospitalFeed {

    /** LOINC lab tests with unit and a plausible normal range. */
    private static final Object[][] LAB_TESTS = {
            {"718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", 12.0, 17.5},
            {"6690-2", "Leukocytes [#/volume] in Blood by Automated count", "10*3/uL", 4.0, 11.0},
            {"777-3", "Platelets [#/volume] in Blood by Automated count", "10*3/uL", 150.0, 400.0},
            {"2345-7", "Glucose [Mass/volume] in Serum or Plasma", "mg/dL", 70.0, 110.0},
            {"2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", 0.6, 1.3},
            {"1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma", "U/L", 7.0, 56.0},
            {"2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", "mg/dL", 125.0, 200.0},
            {"4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "%", 4.0, 5.6},
            {"2951-2", "Sodium [Moles/volume] in Serum or Plasma", "mmol/L", 135.0, 145.0},
            {"2823-3", "Potassium [Moles/volume] in Serum or Plasma", "mmol/L", 3.5, 5.1},
            {"3094-0", "Urea nitrogen [Mass/volume] in Serum or Plasma", "mg/dL", 7.0, 20.0},
            {"1975-2", "Bilirubin.total [Mass/volume] in Serum or Plasma", "mg/dL", 0.1, 1.2},
    };

    private final String hospitalCode;
    private final String namespace;

    public HospitalFeed(String hospitalCode) {
        this.hospitalCode = hospitalCode;
        this.namespace = CityIdentifiers.hospitalNamespace(hospitalCode);
    }

    /** Shape of one patient's history. */
    public record Shape(int encounters, int observations, int reports, int documents, int orders, int charges) {
        public static final Shape BENCHMARK = new Shape(5, 60, 10, 2, 2, 5);
        public static final Shape SMALL = new Shape(1, 4, 1, 1, 1, 1);

        public int resources() {
            return 2 + encounters + observations + reports + documents + orders + charges;
        }
    }

    public Organization hospital() {
        Organization organization = new Organization();
        organization.addIdentifier().setSystem(CityIdentifiers.HOSPITAL_CODE).setValue(hospitalCode);
        organization.setName("Hospital " + hospitalCode);
        organization.setActive(true);
        return organization;
    }

    /** A person of the city, the same citizen ID at every hospital. */
    public static String citizenId(int person) {
        String first17 = String.format("370202%08d%03d", 19500101 + (person % 50) * 10000 + person % 28, person % 1000);
        first17 = first17.substring(0, 17);
        return first17 + org.onecity.fhir.quality.CitizenId.checkCharacter(first17);
    }

    public Patient patient(int person) {
        Patient patient = new Patient();
        patient.addIdentifier()
                .setSystem(namespace + "mrn").setValue("MRN-" + person)
                .setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", null)));
        patient.addIdentifier().setSystem(CityIdentifiers.CITIZEN_ID).setValue(citizenId(person));
        patient.addIdentifier().setSystem(CityIdentifiers.INSURANCE_CARD).setValue(String.format("SC%010d", person));
        patient.addName(new HumanName().setFamily("Zhang").addGiven("Wei" + person));
        patient.setGender(person % 2 == 0 ? Enumerations.AdministrativeGender.FEMALE : Enumerations.AdministrativeGender.MALE);
        patient.setBirthDate(Date.from(LocalDate.of(1950 + person % 50, 1 + person % 12, 1 + person % 28)
                .atStartOfDay().toInstant(ZoneOffset.UTC)));
        return patient;
    }

    /** A transaction Bundle with the whole history of one patient, as a hospital would push it. */
    public Bundle history(int person, Shape shape) {
        Random random = new Random(31L * person + hospitalCode.hashCode());
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Organization hospital = hospital();
        String hospitalRef = add(bundle, hospital);
        String patientRef = add(bundle, patient(person));
        List<String> encounters = new ArrayList<>();
        LocalDate start = LocalDate.of(2024, 1, 1).plusDays(person % 200);
        for (int e = 0; e < shape.encounters(); e++) {
            Encounter encounter = new Encounter();
            encounter.addIdentifier().setSystem(namespace + "encounter").setValue("ENC-" + person + "-" + e);
            encounter.setStatus(Encounter.EncounterStatus.FINISHED);
            encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
            encounter.setSubject(new Reference(patientRef));
            encounter.setServiceProvider(new Reference(hospitalRef));
            LocalDate day = start.plusDays(30L * e);
            encounter.setPeriod(new Period().setStart(date(day)).setEnd(date(day)));
            encounters.add(add(bundle, encounter));
        }
        List<String> observations = new ArrayList<>();
        for (int o = 0; o < shape.observations(); o++) {
            Object[] test = LAB_TESTS[o % LAB_TESTS.length];
            double low = (double) test[3];
            double high = (double) test[4];
            double value = Math.round((low + (high - low) * (random.nextDouble() * 1.4 - 0.2)) * 10.0) / 10.0;
            Observation observation = new Observation();
            observation.addIdentifier().setSystem(namespace + "lab-result").setValue("OBS-" + person + "-" + o);
            observation.setStatus(Observation.ObservationStatus.FINAL);
            observation.addCategory(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Laboratory")));
            observation.setCode(new CodeableConcept(new Coding(CityIdentifiers.LOINC, (String) test[0], (String) test[1])));
            observation.setSubject(new Reference(patientRef));
            int encounter = shape.encounters() == 0 ? -1 : o % shape.encounters();
            if (encounter >= 0) {
                observation.setEncounter(new Reference(encounters.get(encounter)));
            }
            observation.setEffective(new DateTimeType(date(start.plusDays(30L * Math.max(encounter, 0)))));
            observation.setValue(new Quantity().setValue(value).setUnit((String) test[2])
                    .setSystem("http://unitsofmeasure.org").setCode((String) test[2]));
            observations.add(add(bundle, observation));
        }
        for (int r = 0; r < shape.reports(); r++) {
            DiagnosticReport report = new DiagnosticReport();
            report.addIdentifier().setSystem(namespace + "report").setValue("RPT-" + person + "-" + r);
            report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
            report.setCode(new CodeableConcept(new Coding(CityIdentifiers.LOINC, "24323-8",
                    "Comprehensive metabolic 2000 panel - Serum or Plasma")));
            report.setSubject(new Reference(patientRef));
            LocalDate day = start.plusDays(30L * (shape.encounters() == 0 ? 0 : r % shape.encounters()));
            report.setEffective(new DateTimeType(date(day)));
            report.setIssued(date(day.plusDays(1)));
            int perReport = shape.reports() == 0 ? 0 : Math.max(1, shape.observations() / shape.reports());
            for (int o = r * perReport; o < Math.min(observations.size(), (r + 1) * perReport); o++) {
                report.addResult(new Reference(observations.get(o)));
            }
            add(bundle, report);
        }
        for (int d = 0; d < shape.documents(); d++) {
            DocumentReference document = new DocumentReference();
            document.setMasterIdentifier(new Identifier().setSystem(namespace + "document").setValue("DOC-" + person + "-" + d));
            document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
            document.setType(new CodeableConcept(new Coding(CityIdentifiers.LOINC, "18842-5", "Discharge summary")));
            document.setSubject(new Reference(patientRef));
            document.setDate(date(start));
            document.addContent().setAttachment(new Attachment().setContentType("text/plain")
                    .setData(("Discharge summary for patient " + person + ", visit " + d + ". Stable.")
                            .getBytes(StandardCharsets.UTF_8)));
            add(bundle, document);
        }
        for (int s = 0; s < shape.orders(); s++) {
            ServiceRequest order = new ServiceRequest();
            order.addIdentifier().setSystem(namespace + "order").setValue("ORD-" + person + "-" + s);
            order.setStatus(ServiceRequest.ServiceRequestStatus.COMPLETED);
            order.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
            order.setCode(new CodeableConcept(new Coding(CityIdentifiers.LOINC, "58410-2", "CBC panel - Blood by Automated count")));
            order.setSubject(new Reference(patientRef));
            order.setAuthoredOn(date(start));
            add(bundle, order);
        }
        for (int c = 0; c < shape.charges(); c++) {
            ChargeItem charge = new ChargeItem();
            charge.addIdentifier().setSystem(namespace + "charge").setValue("CHG-" + person + "-" + c);
            charge.setStatus(ChargeItem.ChargeItemStatus.BILLABLE);
            charge.setCode(new CodeableConcept(new Coding("https://fhir.onecity.example/CodeSystem/price-catalogue",
                    "250101" + c, "Laboratory test")));
            charge.setSubject(new Reference(patientRef));
            charge.setQuantity(new Quantity(1));
            if (!encounters.isEmpty()) {
                charge.setContext(new Reference(encounters.get(c % encounters.size())));
            }
            add(bundle, charge);
        }
        return bundle;
    }

    /** Adds a resource as a plain POST with a urn:uuid full URL; the hub makes it an idempotent push. */
    public static String add(Bundle bundle, Resource resource) {
        String fullUrl = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry().setFullUrl(fullUrl).setResource(resource)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
        return fullUrl;
    }

    private static Date date(LocalDate day) {
        return Date.from(day.atTime(9, 0).toInstant(ZoneOffset.ofHours(8)));
    }
}
