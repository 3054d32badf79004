package org.onecity.fhir.support;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * One patient's history in the shape US Core / Synthea-style exporters write it, before any city adaptation: a
 * transaction of POSTs with {@code urn:uuid} full URLs; narratives on the patient and care plans; the exporter's own
 * identifiers; display-only references (an EOB's insurer, a claim's coverage, a note's author); contained resources
 * (an EOB's coverage and referral); a US Core race extension and extensions on primitives; choice types
 * ({@code value[x]}, {@code onset[x]}, {@code medication[x]}); blood pressure as components; claims and
 * explanations of benefit sharing one claim-group identifier; one Provenance naming every record. Deterministic
 * for a given hospital and person; identical on every call, as an engine's replay is.
 */
public final class ExporterHistory {

    static final String SYNTHEA = "https://github.com/synthetichealth/synthea";
    static final String CLAIM_ID = "https://bluebutton.cms.gov/resources/variables/clm_id";
    static final String CLAIM_GROUP = "https://bluebutton.cms.gov/resources/identifier/claim-group";
    static final String SNOMED = "http://snomed.info/sct";
    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    private static final String XHTML = "http://www.w3.org/1999/xhtml";

    private static final String[][] LABS = {
            {"718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", "13.5"},
            {"6690-2", "Leukocytes [#/volume] in Blood by Automated count", "10*3/uL", "7.1"},
            {"2345-7", "Glucose [Mass/volume] in Serum or Plasma", "mg/dL", "96"},
            {"2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", "0.9"},
            {"2951-2", "Sodium [Moles/volume] in Serum or Plasma", "mmol/L", "140"},
            {"2823-3", "Potassium [Moles/volume] in Serum or Plasma", "mmol/L", "4.2"},
            {"2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", "mg/dL", "182"},
            {"4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "%", "5.4"},
    };

    /** The hospital's clinicians and ward, as Synthea lists them apart from the patients. */
    public record Directory(List<Practitioner> practitioners, Location ward) {
    }

    private final String hospital;
    private final int person;
    private final int encounters;
    private final Random random;
    private final Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    private final List<Reference> everything = new ArrayList<>();

    private ExporterHistory(String hospital, int person, int encounters) {
        this.hospital = hospital;
        this.person = person;
        this.encounters = encounters;
        this.random = new Random(97L * person + hospital.hashCode());
    }

    /** @param encounters visits in the history; each carries about 25 records */
    public static Bundle of(String hospital, int person, int encounters) {
        return new ExporterHistory(hospital, person, encounters).build();
    }

    /** Synthea's practitioner and location records of a hospital, identified by NPI and the exporter's ids. */
    public static Directory directory(String hospital) {
        List<Practitioner> practitioners = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Practitioner practitioner = new Practitioner();
            practitioner.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue(npi(hospital, i));
            practitioner.setActive(true);
            practitioner.addName().setFamily("Doctor" + i).addGiven(hospital).addPrefix("Dr.");
            practitioner.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue("dr" + i + "@" + hospital.toLowerCase() + ".example")
                    .addExtension("http://hl7.org/fhir/us/core/StructureDefinition/us-core-direct", new BooleanType(true));
            practitioner.setGender(i % 2 == 0 ? Enumerations.AdministrativeGender.FEMALE : Enumerations.AdministrativeGender.MALE);
            practitioners.add(practitioner);
        }
        Location ward = new Location();
        ward.addIdentifier().setSystem(SYNTHEA).setValue(hospital + "-ward-1");
        ward.setStatus(Location.LocationStatus.ACTIVE);
        ward.setName("Ward 1 of " + hospital);
        ward.getPosition().setLatitude(36.07).setLongitude(120.38);
        return new Directory(practitioners, ward);
    }

    static String npi(String hospital, int i) {
        return "99990" + hospital.substring(1) + i;
    }

    private Bundle build() {
        String patient = add(patient());
        List<String> conditions = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            conditions.add(add(condition(patient, c)));
        }
        add(allergy(patient));
        LocalDateTime start = LocalDateTime.of(2022, 3, 1, 9, 0).plusDays(person % 90);
        for (int e = 0; e < encounters; e++) {
            visit(patient, conditions, e, start.plusDays(41L * e));
        }
        add(provenance(patient));
        return bundle;
    }

    private void visit(String patient, List<String> conditions, int e, LocalDateTime when) {
        String encounter = add(encounter(patient, e, when));
        List<String> results = new ArrayList<>();
        for (String[] lab : LABS) {
            results.add(add(lab(patient, encounter, when, lab)));
        }
        add(bloodPressure(patient, encounter, when));
        add(smoking(patient, encounter, when));
        add(bodyWeight(patient, encounter, when));
        add(labReport(patient, encounter, when, results));
        add(note(patient, encounter, when));
        add(procedure(patient, encounter, when));
        String prescription = add(prescription(patient, encounter, when));
        add(immunization(patient, encounter, when));
        add(order(patient, encounter, when));
        add(carePlan(patient, encounter, conditions, when));
        add(careTeam(patient, encounter, when));
        add(device(patient, e));
        add(imaging(patient, encounter, when, e));
        String claim = add(claim(patient, encounter, conditions.get(0), prescription, when));
        add(explanationOfBenefit(patient, encounter, claim, when));
    }

    private Patient patient() {
        Patient patient = new Patient();
        patient.setText(narrative("Generated by <a href=\"https://github.com/synthetichealth/synthea\">Synthea</a>. "
                + "Version identifier: v3.0.0"));
        patient.addExtension(race());
        patient.addExtension("http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex", new CodeType(person % 2 == 0 ? "F" : "M"));
        patient.addExtension("http://hl7.org/fhir/StructureDefinition/patient-birthPlace",
                new Address().setCity("Qingdao").setState("Shandong").setCountry("CN"));
        patient.addIdentifier().setSystem(SYNTHEA).setValue(uuid("patient"));
        patient.addIdentifier().setSystem("http://hospital.smarthealthit.org").setValue(uuid("mrn"))
                .setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical Record Number")));
        patient.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily("Liu" + person).addGiven("Yang").addPrefix("Mr.");
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("555-01" + person).setUse(ContactPoint.ContactPointUse.HOME);
        patient.setGender(person % 2 == 0 ? Enumerations.AdministrativeGender.FEMALE : Enumerations.AdministrativeGender.MALE);
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("19" + (50 + person % 40) + "-0" + (1 + person % 9) + "-1" + person % 10));
        Address address = patient.addAddress().addLine("1 Harbour Road").setCity("Qingdao").setCountry("CN");
        Extension geolocation = address.addExtension().setUrl("http://hl7.org/fhir/StructureDefinition/geolocation");
        geolocation.addExtension("latitude", new DecimalType("36.0671"));
        geolocation.addExtension("longitude", new DecimalType("120.3826"));
        patient.setMaritalStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-MaritalStatus", "M", "Married")));
        patient.setMultipleBirth(new BooleanType(false));
        patient.addCommunication().setLanguage(new CodeableConcept(new Coding("urn:ietf:bcp:47", "zh-CN", "Chinese (China)")));
        // an extension on a primitive, as exporters write for data-absent birth times
        patient.getGenderElement().addExtension("http://example.org/fhir/StructureDefinition/recorded-by-clerk", new BooleanType(true));
        return patient;
    }

    private static Extension race() {
        Extension race = new Extension("http://hl7.org/fhir/us/core/StructureDefinition/us-core-race");
        race.addExtension("ombCategory", new Coding("urn:oid:2.16.840.1.113883.6.238", "2028-9", "Asian"));
        race.addExtension("text", new StringType("Asian"));
        return race;
    }

    private Condition condition(String patient, int c) {
        Condition condition = new Condition();
        condition.setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"));
        condition.setVerificationStatus(concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed"));
        condition.addCategory(concept("http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis", "Encounter Diagnosis"));
        condition.setCode(c == 0 ? concept(SNOMED, "44054006", "Diabetes mellitus type 2 (disorder)")
                : concept(SNOMED, "59621000", "Essential hypertension (disorder)"));
        condition.setSubject(new Reference(patient));
        condition.setOnset(new DateTimeType(date(LocalDateTime.of(2015, 5, 1, 8, 0))));
        condition.setRecordedDate(date(LocalDateTime.of(2015, 5, 1, 8, 0)));
        return condition;
    }

    private AllergyIntolerance allergy(String patient) {
        AllergyIntolerance allergy = new AllergyIntolerance();
        allergy.setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", "Active"));
        allergy.setVerificationStatus(concept("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "confirmed", "Confirmed"));
        allergy.setType(AllergyIntolerance.AllergyIntoleranceType.ALLERGY);
        allergy.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.FOOD);
        allergy.setCriticality(AllergyIntolerance.AllergyIntoleranceCriticality.LOW);
        allergy.setCode(concept(SNOMED, "91935009", "Allergy to peanuts"));
        allergy.setPatient(new Reference(patient));
        allergy.setRecordedDate(date(LocalDateTime.of(2016, 1, 1, 8, 0)));
        return allergy;
    }

    private Encounter encounter(String patient, int e, LocalDateTime when) {
        Encounter encounter = new Encounter();
        encounter.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(SYNTHEA).setValue(uuid("encounter" + e));
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", null));
        encounter.addType(concept(SNOMED, "185349003", "Encounter for check up (procedure)"));
        encounter.setSubject(new Reference(patient).setDisplay("Mr. Yang Liu" + person));
        encounter.addParticipant()
                .addType(concept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "PPRF", "primary performer"))
                .setPeriod(new Period().setStart(date(when)).setEnd(date(when.plusMinutes(30))))
                .setIndividual(practitioner(e).setDisplay("Dr. Doctor" + e % 3 + " " + hospital));
        encounter.setPeriod(new Period().setStart(date(when)).setEnd(date(when.plusMinutes(30))));
        encounter.addLocation().setLocation(new Reference().setDisplay("Ward 1 of " + hospital));
        encounter.setServiceProvider(new Reference().setDisplay("Hospital " + hospital));
        return encounter;
    }

    private Observation lab(String patient, String encounter, LocalDateTime when, String[] lab) {
        Observation observation = observation(patient, encounter, when, "laboratory", lab[0], lab[1]);
        observation.setValue(new Quantity().setValueElement(new DecimalType(lab[3])).setUnit(lab[2]).setSystem(UCUM).setCode(lab[2]));
        if ("2160-0".equals(lab[0])) {
            ((Quantity) observation.getValue()).setComparator(Quantity.QuantityComparator.LESS_THAN);
        }
        observation.addPerformer().setDisplay("Dr X");
        return observation;
    }

    private Observation bloodPressure(String patient, String encounter, LocalDateTime when) {
        Observation observation = observation(patient, encounter, when, "vital-signs", "85354-9", "Blood pressure panel with all children optional");
        observation.addComponent().setCode(concept(LOINC, "8462-4", "Diastolic Blood Pressure"))
                .setValue(new Quantity().setValue(70 + random.nextInt(20)).setUnit("mm[Hg]").setSystem(UCUM).setCode("mm[Hg]"));
        observation.addComponent().setCode(concept(LOINC, "8480-6", "Systolic Blood Pressure"))
                .setValue(new Quantity().setValue(110 + random.nextInt(30)).setUnit("mm[Hg]").setSystem(UCUM).setCode("mm[Hg]"));
        return observation;
    }

    private Observation smoking(String patient, String encounter, LocalDateTime when) {
        Observation observation = observation(patient, encounter, when, "survey", "72166-2", "Tobacco smoking status");
        observation.setValue(concept(SNOMED, "266919005", "Never smoked tobacco (finding)"));
        return observation;
    }

    private Observation bodyWeight(String patient, String encounter, LocalDateTime when) {
        Observation observation = observation(patient, encounter, when, "vital-signs", "29463-7", "Body Weight");
        observation.setValue(new Quantity().setValue(60 + random.nextInt(30)).setUnit("kg").setSystem(UCUM).setCode("kg"));
        // a reference by identifier alone: the device that weighed, known to the hospital by its asset number
        observation.setDevice(new Reference().setType("Device")
                .setIdentifier(new Identifier().setSystem("urn:oid:1.2.36.1.4.1.999").setValue("SCALE-" + hospital)));
        return observation;
    }

    private Observation observation(String patient, String encounter, LocalDateTime when, String category, String code,
            String display) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(concept("http://terminology.hl7.org/CodeSystem/observation-category", category, null));
        observation.setCode(concept(LOINC, code, display));
        observation.setSubject(new Reference(patient));
        observation.setEncounter(new Reference(encounter));
        observation.setEffective(new DateTimeType(date(when.plusMinutes(5))));
        observation.setIssued(date(when.plusMinutes(65)));
        return observation;
    }

    private DiagnosticReport labReport(String patient, String encounter, LocalDateTime when, List<String> results) {
        DiagnosticReport report = new DiagnosticReport();
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.addCategory(concept("http://terminology.hl7.org/CodeSystem/v2-0074", "LAB", "Laboratory"));
        report.setCode(concept(LOINC, "51990-0", "Basic metabolic panel - Blood"));
        report.setSubject(new Reference(patient));
        report.setEncounter(new Reference(encounter));
        report.setEffective(new DateTimeType(date(when.plusMinutes(5))));
        report.setIssued(date(when.plusMinutes(65)));
        report.addPerformer().setDisplay("Hospital " + hospital + " laboratory");
        results.forEach(r -> report.addResult(new Reference(r)));
        return report;
    }

    private DocumentReference note(String patient, String encounter, LocalDateTime when) {
        DocumentReference note = new DocumentReference();
        note.addIdentifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + uuid("note" + when));
        note.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        note.setType(concept(LOINC, "34117-2", "History and physical note"));
        note.addCategory(concept("http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category", "clinical-note", "Clinical Note"));
        note.setSubject(new Reference(patient));
        note.setDate(date(when.plusMinutes(30)));
        note.addAuthor().setDisplay("Dr. Doctor0 " + hospital);
        note.setCustodian(new Reference().setDisplay("Hospital " + hospital));
        note.addContent().setAttachment(new Attachment().setContentType("text/plain; charset=utf-8")
                .setData(("Visit of " + when.toLocalDate() + ": well, follow up in a month.").getBytes(StandardCharsets.UTF_8)));
        note.getContext().addEncounter(new Reference(encounter)).setPeriod(new Period().setStart(date(when)).setEnd(date(when.plusMinutes(30))));
        return note;
    }

    private Procedure procedure(String patient, String encounter, LocalDateTime when) {
        Procedure procedure = new Procedure();
        procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
        procedure.setCode(concept(SNOMED, "430193006", "Medication Reconciliation (procedure)"));
        procedure.setSubject(new Reference(patient));
        procedure.setEncounter(new Reference(encounter));
        procedure.setPerformed(new Period().setStart(date(when.plusMinutes(10))).setEnd(date(when.plusMinutes(25))));
        procedure.setLocation(new Reference().setDisplay("Ward 1 of " + hospital));
        return procedure;
    }

    private MedicationRequest prescription(String patient, String encounter, LocalDateTime when) {
        MedicationRequest request = new MedicationRequest();
        request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.setMedication(concept("http://www.nlm.nih.gov/research/umls/rxnorm", "860975", "24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet"));
        request.setSubject(new Reference(patient));
        request.setEncounter(new Reference(encounter));
        request.setAuthoredOn(date(when.plusMinutes(20)));
        request.setRequester(practitioner(0).setDisplay("Dr. Doctor0 " + hospital));
        request.addDosageInstruction().setSequence(1).setAsNeeded(new BooleanType(false));
        return request;
    }

    private Immunization immunization(String patient, String encounter, LocalDateTime when) {
        Immunization immunization = new Immunization();
        immunization.setStatus(Immunization.ImmunizationStatus.COMPLETED);
        immunization.setVaccineCode(concept("http://hl7.org/fhir/sid/cvx", "140", "Influenza, seasonal, injectable, preservative free"));
        immunization.setPatient(new Reference(patient));
        immunization.setEncounter(new Reference(encounter));
        immunization.setOccurrence(new DateTimeType(date(when.plusMinutes(15))));
        immunization.setPrimarySource(true);
        immunization.setLocation(new Reference().setDisplay("Ward 1 of " + hospital));
        return immunization;
    }

    private ServiceRequest order(String patient, String encounter, LocalDateTime when) {
        ServiceRequest order = new ServiceRequest();
        order.setStatus(ServiceRequest.ServiceRequestStatus.COMPLETED);
        order.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        order.setCode(concept(LOINC, "24323-8", "Comprehensive metabolic 2000 panel - Serum or Plasma"));
        order.setSubject(new Reference(patient));
        order.setEncounter(new Reference(encounter));
        order.setAuthoredOn(date(when));
        order.setRequester(new Reference().setDisplay("Dr. Doctor1 " + hospital));
        return order;
    }

    private CarePlan carePlan(String patient, String encounter, List<String> conditions, LocalDateTime when) {
        CarePlan plan = new CarePlan();
        plan.setText(narrative("Care Plan for Diabetes self management plan.<br/>Activities: <ul><li>Diabetic diet</li>"
                + "<li>Exercise therapy</li></ul>Care plan is meant to treat Diabetes mellitus type 2 (disorder)."));
        plan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
        plan.setIntent(CarePlan.CarePlanIntent.ORDER);
        plan.addCategory(concept("http://hl7.org/fhir/us/core/CodeSystem/careplan-category", "assess-plan", null));
        plan.addCategory(concept(SNOMED, "698360004", "Diabetes self management plan"));
        plan.setSubject(new Reference(patient));
        plan.setEncounter(new Reference(encounter));
        plan.setPeriod(new Period().setStart(date(when)));
        plan.addAddresses(new Reference(conditions.get(0)));
        plan.addActivity().getDetail().setCode(concept(SNOMED, "160670007", "Diabetic diet"))
                .setStatus(CarePlan.CarePlanActivityStatus.INPROGRESS).setLocation(new Reference().setDisplay("Ward 1 of " + hospital));
        return plan;
    }

    private CareTeam careTeam(String patient, String encounter, LocalDateTime when) {
        CareTeam team = new CareTeam();
        team.setStatus(CareTeam.CareTeamStatus.ACTIVE);
        team.setSubject(new Reference(patient));
        team.setEncounter(new Reference(encounter));
        team.setPeriod(new Period().setStart(date(when)));
        team.addParticipant().addRole(concept(SNOMED, "223366009", "Healthcare professional (occupation)"))
                .setMember(practitioner(1).setDisplay("Dr. Doctor1 " + hospital));
        team.addParticipant().addRole(concept(SNOMED, "224891009", "Healthcare services (qualifier value)"))
                .setMember(new Reference().setDisplay("Hospital " + hospital));
        return team;
    }

    private Device device(String patient, int e) {
        Device device = new Device();
        device.addUdiCarrier().setDeviceIdentifier("0" + hospital.substring(1) + person + e)
                .setCarrierHRF("(01)0" + hospital.substring(1) + person + e + "(11)220301");
        device.setStatus(Device.FHIRDeviceStatus.ACTIVE);
        device.setDistinctIdentifier("DI-" + person + "-" + e);
        device.setType(concept(SNOMED, "337414009", "Blood glucose meters (physical object)"));
        device.setPatient(new Reference(patient));
        return device;
    }

    private ImagingStudy imaging(String patient, String encounter, LocalDateTime when, int e) {
        ImagingStudy study = new ImagingStudy();
        study.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem("urn:ietf:rfc:3986")
                .setValue("urn:oid:1.2.840.99999999." + hospital.substring(1) + "." + person + "." + e);
        study.setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE);
        study.setSubject(new Reference(patient));
        study.setEncounter(new Reference(encounter));
        study.setStarted(date(when.plusMinutes(12)));
        study.setNumberOfSeries(1);
        study.setNumberOfInstances(1);
        study.addProcedureCode(concept(SNOMED, "399208008", "Plain chest X-ray (procedure)"));
        study.addSeries().setUid("1.2.840.99999999.1." + person + "." + e).setNumber(1)
                .setModality(new Coding("http://dicom.nema.org/resources/ontology/DCM", "DX", "Digital Radiography"))
                .setNumberOfInstances(1)
                .setBodySite(new Coding(SNOMED, "51185008", "Thoracic structure (body structure)"))
                .setStarted(date(when.plusMinutes(12)))
                .addInstance().setUid("1.2.840.99999999.1.1." + person + "." + e)
                .setSopClass(new Coding("urn:ietf:rfc:3986", "urn:oid:1.2.840.10008.5.1.4.1.1.1.1", null)).setNumber(1)
                .setTitle("Chest X-ray");
        return study;
    }

    private Claim claim(String patient, String encounter, String condition, String prescription, LocalDateTime when) {
        Claim claim = new Claim();
        claim.setStatus(Claim.ClaimStatus.ACTIVE);
        claim.setType(concept("http://terminology.hl7.org/CodeSystem/claim-type", "institutional", null));
        claim.setUse(Claim.Use.CLAIM);
        claim.setPatient(new Reference(patient).setDisplay("Yang Liu" + person));
        claim.setBillablePeriod(new Period().setStart(date(when)).setEnd(date(when.plusMinutes(30))));
        claim.setCreated(date(when.plusMinutes(30)));
        claim.setProvider(new Reference().setDisplay("Hospital " + hospital));
        claim.setPriority(concept("http://terminology.hl7.org/CodeSystem/processpriority", "normal", null));
        claim.setPrescription(new Reference(prescription));
        claim.addDiagnosis().setSequence(1).setDiagnosis(new Reference(condition));
        claim.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference().setDisplay("City Social Insurance Fund"));
        claim.addItem().setSequence(1).setProductOrService(concept(SNOMED, "185349003", "Encounter for check up (procedure)"))
                .addEncounter(new Reference(encounter)).setNet(money(136.80));
        claim.addItem().setSequence(2).addDiagnosisSequence(1).setProductOrService(concept(SNOMED, "44054006", "Diabetes"));
        claim.setTotal(money(136.80));
        return claim;
    }

    private ExplanationOfBenefit explanationOfBenefit(String patient, String encounter, String claim, LocalDateTime when) {
        ExplanationOfBenefit eob = new ExplanationOfBenefit();
        eob.setId("eob");
        Coverage coverage = new Coverage();
        coverage.setId("coverage");
        coverage.setStatus(Coverage.CoverageStatus.ACTIVE);
        coverage.setType(new CodeableConcept().setText("City Social Insurance Fund"));
        coverage.setBeneficiary(new Reference(patient));
        coverage.addPayor().setDisplay("City Social Insurance Fund");
        ServiceRequest referral = new ServiceRequest();
        referral.setId("referral");
        referral.setStatus(ServiceRequest.ServiceRequestStatus.COMPLETED);
        referral.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        referral.setSubject(new Reference(patient));
        referral.setRequester(practitioner(0));
        referral.addPerformer(practitioner(0));
        eob.addContained(referral);
        eob.addContained(coverage);
        eob.setIdElement(null);
        eob.addIdentifier().setSystem(CLAIM_ID).setValue(uuid("claim" + when));
        eob.addIdentifier().setSystem(CLAIM_GROUP).setValue("99999999999");
        eob.setStatus(ExplanationOfBenefit.ExplanationOfBenefitStatus.ACTIVE);
        eob.setType(concept("http://terminology.hl7.org/CodeSystem/claim-type", "professional", "Professional"));
        eob.setUse(ExplanationOfBenefit.Use.CLAIM);
        eob.setPatient(new Reference(patient));
        eob.setBillablePeriod(new Period().setStart(date(when)).setEnd(date(when.plusMinutes(30))));
        eob.setCreated(date(when.plusMinutes(30)));
        eob.setInsurer(new Reference().setDisplay("City Social Insurance Fund"));
        eob.setProvider(practitioner(0));
        eob.setReferral(new Reference("#referral"));
        eob.setClaim(new Reference(claim));
        eob.setOutcome(ExplanationOfBenefit.RemittanceOutcome.COMPLETE);
        eob.addCareTeam().setSequence(1).setProvider(practitioner(0))
                .setRole(concept("http://terminology.hl7.org/CodeSystem/claimcareteamrole", "primary", "Primary provider"));
        eob.addInsurance().setFocal(true).setCoverage(new Reference("#coverage").setDisplay("City Social Insurance Fund"));
        ExplanationOfBenefit.ItemComponent item = eob.addItem().setSequence(1)
                .setProductOrService(concept(SNOMED, "185349003", "Encounter for check up (procedure)"))
                .addEncounter(new Reference(encounter)).setServiced(new Period().setStart(date(when)).setEnd(date(when.plusMinutes(30))))
                .setLocation(concept("http://terminology.hl7.org/CodeSystem/ex-serviceplace", "19", "Off Campus-Outpatient Hospital"))
                .setNet(money(136.80));
        item.addCareTeamSequence(1);
        item.addAdjudication().setCategory(concept("https://bluebutton.cms.gov/resources/codesystem/adjudication", "https://bluebutton.cms.gov/resources/variables/line_coinsrnc_amt", "Line Beneficiary Coinsurance Amount"))
                .setAmount(money(27.36));
        eob.addTotal().setCategory(concept("http://terminology.hl7.org/CodeSystem/adjudication", "submitted", "Submitted Amount")).setAmount(money(136.80));
        eob.getPayment().setAmount(money(109.44));
        return eob;
    }

    private Provenance provenance(String patient) {
        Provenance provenance = new Provenance();
        provenance.setTarget(new ArrayList<>(everything));
        provenance.getTarget().add(0, new Reference(patient));
        provenance.setRecorded(date(LocalDateTime.of(2024, 6, 1, 12, 0)));
        provenance.addAgent().setType(concept("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author"))
                .setWho(practitioner(0).setDisplay("Dr. Doctor0 " + hospital)).setOnBehalfOf(new Reference().setDisplay("Hospital " + hospital));
        provenance.addAgent().setType(concept("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "custodian", "Custodian"))
                .setWho(new Reference().setDisplay("Hospital " + hospital + " integration engine"));
        return provenance;
    }

    /** A practitioner as exporters refer to one: by a conditional reference on the NPI. */
    private Reference practitioner(int i) {
        return new Reference("Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|" + npi(hospital, i % 3));
    }

    private String add(Resource resource) {
        String fullUrl = "urn:uuid:" + uuid(resource.fhirType() + bundle.getEntry().size());
        bundle.addEntry().setFullUrl(fullUrl).setResource(resource)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
        if (!(resource instanceof Patient) && !(resource instanceof Provenance)) {
            everything.add(new Reference(fullUrl));
        }
        return fullUrl;
    }

    private String uuid(String what) {
        return UUID.nameUUIDFromBytes((hospital + "/" + person + "/" + what).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Narrative narrative(String xhtml) {
        Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDivAsString("<div xmlns=\"" + XHTML + "\">" + xhtml + "</div>");
        return narrative;
    }

    private static CodeableConcept concept(String system, String code, String display) {
        CodeableConcept concept = new CodeableConcept(new Coding(system, code, display));
        return display == null ? concept : concept.setText(display);
    }

    private static Money money(double amount) {
        return new Money().setValue(amount).setCurrency("USD");
    }

    private static Date date(LocalDateTime when) {
        return Date.from(when.toInstant(ZoneOffset.ofHours(8)));
    }
}
