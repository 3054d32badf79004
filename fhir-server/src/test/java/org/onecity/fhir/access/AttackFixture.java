package org.onecity.fhir.access;

import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.test.CityTokens;
import org.onecity.fhir.access.CityOracle.Person;
import org.onecity.fhir.support.CityFixture;
import org.onecity.fhir.support.CityPatientLinks;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.HospitalFeed;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the attack suite attacks, on top of {@link CityFixture}: for Zhang Wei and Li Na, a recent haemoglobin result
 * (which the city recognises), a Binary and an attachment, a Coverage with their own insurer; every record about
 * each of them, to tell whose a record is; and a third person whose records the write attacks change.
 */
final class AttackFixture {

    /** One person's records the read attacks aim at. */
    record Target(Person person, String h001Patient, String cityPatient, String h001Observation, String h001Report,
                  String h001Document, String binary, String coverage, String mrn, Set<String> records) {
    }

    static final int VICTIM = 8101;
    private static final Pattern PATIENT_REFERENCE = Pattern.compile("\"reference\"\\s*:\\s*\"Patient/([^\"/]+)\"");
    private static AttackFixture instance;
    private static String expired;

    final Target zhangWei;
    final Target liNa;
    final String victimPatient;
    private final CityRecordClient city;
    private final AtomicInteger serial = new AtomicInteger();

    private AttackFixture(CityRecordClient city, Target zhangWei, Target liNa, String victimPatient) {
        this.city = city;
        this.zhangWei = zhangWei;
        this.liNa = liNa;
        this.victimPatient = victimPatient;
    }

    static synchronized AttackFixture of(CityRecordClient city) {
        if (instance == null) {
            CityFixture base = CityFixture.of(city);
            Target zhangWei = target(city, Person.ZHANG_WEI, base.zhangWei, base.zhangWeiCoverage);
            Target liNa = target(city, Person.LI_NA, base.liNa, coverage(city, base.liNa, "HARBOUR-HEALTH"));
            city.hospital("H001").transaction().withBundle(new HospitalFeed("H001").history(VICTIM, HospitalFeed.Shape.SMALL)).execute();
            instance = new AttackFixture(city, zhangWei, liNa, patientByMrn(city, "H001", VICTIM));
        }
        return instance;
    }

    Target target(Person person) {
        return person == Person.ZHANG_WEI ? zhangWei : liNa;
    }

    /**
     * Whose records a record is about, from the bureau's view of each person's compartments; a record written since
     * (another suite's consent, say) by the Patient records it refers to.
     */
    Person personOf(String typeAndId) {
        if (zhangWei.records().contains(typeAndId)) {
            return Person.ZHANG_WEI;
        }
        if (liNa.records().contains(typeAndId)) {
            return Person.LI_NA;
        }
        String json = city.send(city.request("/" + typeAndId, CityTokens.admin()).GET()).body();
        Matcher patients = PATIENT_REFERENCE.matcher(json);
        while (patients.find()) {
            String patient = "Patient/" + patients.group(1);
            if (zhangWei.records().contains(patient)) {
                return Person.ZHANG_WEI;
            }
            if (liNa.records().contains(patient)) {
                return Person.LI_NA;
            }
        }
        return Person.NOBODY;
    }

    /** A fresh result of the victim at H001, for an attack that changes or removes what it aims at. */
    String victimObservation() {
        Observation observation = labResult("H001", "ATTACKED-" + System.nanoTime() + "-" + serial.incrementAndGet(),
                victimPatient, 13.5);
        return city.hospital("H001").create().resource(observation).execute().getId().getIdPart();
    }

    /** A fresh document of the victim at H001, for writes of its attachment. */
    String victimDocument() {
        DocumentReference document = new DocumentReference();
        document.setMasterIdentifier(new Identifier().setSystem(CityIdentifiers.hospitalNamespace("H001") + "document")
                .setValue("ATTACKED-DOC-" + System.nanoTime()));
        document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        document.setType(new CodeableConcept(new Coding(CityIdentifiers.LOINC, "18842-5", "Discharge summary")));
        document.setSubject(new Reference("Patient/" + victimPatient));
        document.addContent().setAttachment(new Attachment().setContentType("text/plain")
                .setData("Stable.".getBytes(StandardCharsets.UTF_8)));
        return city.hospital("H001").create().resource(document).execute().getId().getIdPart();
    }

    static Observation labResult(String hospital, String identifier, String patientId, double haemoglobin) {
        Observation observation = new Observation();
        observation.addIdentifier().setSystem(CityIdentifiers.hospitalNamespace(hospital) + "lab-result").setValue(identifier);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Laboratory")));
        observation.setCode(new CodeableConcept(new Coding(CityIdentifiers.LOINC, "718-7", "Hemoglobin [Mass/volume] in Blood")));
        observation.setSubject(new Reference("Patient/" + patientId));
        observation.setEffective(new DateTimeType(new Date()));
        observation.setValue(new Quantity().setValue(haemoglobin).setUnit("g/dL").setSystem("http://unitsofmeasure.org").setCode("g/dL"));
        return observation;
    }

    /** A token that was valid and has expired: one second of life and five of tolerated clock skew. */
    static synchronized String expiredToken() {
        if (expired == null) {
            expired = CityTokens.fresh("short-lived");
            try {
                Thread.sleep(7_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return expired;
    }

    private static Target target(CityRecordClient city, Person person, CityFixture.Person fixture, String coverage) {
        int number = fixture.number();
        String recent = city.hospital("H001").update().resource(labResult("H001", "RECENT-" + number, fixture.h001Patient(), 14.1))
                .conditionalByUrl("Observation?identifier=" + CityIdentifiers.hospitalNamespace("H001") + "lab-result|RECENT-" + number)
                .execute().getId().getIdPart();
        String report = firstId(city, "DiagnosticReport?subject=Patient/" + fixture.h001Patient());
        String document = firstId(city, "DocumentReference?subject=Patient/" + fixture.h001Patient());
        String binary = binary(city, fixture.h001Patient());
        String cityPatient = new CityPatientLinks(city).awaitCityPatient(fixture.h001Patient());
        Set<String> records = new HashSet<>(everything(city, cityPatient));
        records.addAll(everything(city, fixture.h001Patient()));
        records.addAll(everything(city, fixture.h002Patient()));
        records.add("Patient/" + cityPatient);
        records.add("Binary/" + binary);
        return new Target(person, fixture.h001Patient(), cityPatient, recent, report, document, binary, coverage,
                "MRN-" + number, Set.copyOf(records));
    }

    private static String binary(CityRecordClient city, String patient) {
        Binary binary = new Binary();
        binary.setContentType("text/plain");
        binary.setData(("Scanned referral letter of Patient/" + patient).getBytes(StandardCharsets.UTF_8));
        binary.setSecurityContext(new Reference("Patient/" + patient));
        // as a FHIR resource, with its security context: a FHIR client would send the bare bytes
        HttpResponse<String> created = city.send(city.request("/Binary", CityTokens.hospital("H001"))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(CityRecordClient.fhir().newJsonParser().encodeResourceToString(binary))));
        return new IdType(created.headers().firstValue("Location").orElseThrow()).getIdPart();
    }

    private static String coverage(CityRecordClient city, CityFixture.Person person, String insurer) {
        Organization fund = new Organization();
        fund.addIdentifier(new Identifier().setSystem(CityIdentifiers.INSURER_CODE).setValue(insurer));
        fund.setName(insurer);
        city.admin().update().resource(fund).conditionalByUrl("Organization?identifier=" + CityIdentifiers.INSURER_CODE + "|" + insurer).execute();
        Coverage coverage = new Coverage();
        coverage.addIdentifier().setSystem(CityIdentifiers.hospitalNamespace("H001") + "coverage").setValue("COV-" + person.number());
        coverage.setStatus(Coverage.CoverageStatus.ACTIVE);
        coverage.setBeneficiary(new Reference("Patient/" + person.h001Patient()));
        coverage.addPayor(new Reference("Organization?identifier=" + CityIdentifiers.INSURER_CODE + "|" + insurer));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        HospitalFeed.add(bundle, coverage);
        Bundle response = city.hospital("H001").transaction().withBundle(bundle).execute();
        return new IdType(response.getEntryFirstRep().getResponse().getLocation()).getIdPart();
    }

    /** Every record in a Patient record's compartment, as the bureau sees them: its $everything, page by page. */
    private static List<String> everything(CityRecordClient city, String patient) {
        Map<String, Boolean> ids = new HashMap<>();
        Bundle page = city.admin().operation().onInstance("Patient/" + patient).named("$everything")
                .withParameter(org.hl7.fhir.r4.model.Parameters.class, "_count", new org.hl7.fhir.r4.model.UnsignedIntType(500))
                .useHttpGet().returnResourceType(Bundle.class).execute();
        while (true) {
            for (Bundle.BundleEntryComponent entry : page.getEntry()) {
                Resource resource = entry.getResource();
                ids.put(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), true);
            }
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                return List.copyOf(ids.keySet());
            }
            page = city.admin().loadPage().next(page).execute();
        }
    }

    private static String firstId(CityRecordClient city, String search) {
        Bundle found = city.admin().search().byUrl(search).returnBundle(Bundle.class).execute();
        return found.getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    private static String patientByMrn(CityRecordClient city, String hospital, int person) {
        return firstId(city, "Patient?identifier=" + CityIdentifiers.hospitalNamespace(hospital) + "mrn|MRN-" + person);
    }
}
