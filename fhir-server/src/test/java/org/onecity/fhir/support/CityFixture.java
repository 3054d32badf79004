package org.onecity.fhir.support;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.onecity.common.city.CityIdentifiers;

import java.util.Date;

/**
 * The people the access tests are about, pushed once per test JVM the way hospitals push:
 * <ul>
 * <li>Zhang Wei (person 1, user {@code zhang.wei}) has records at H001 and H002, is in hospital at H002 now,
 *     and is a member of the city fund;</li>
 * <li>Li Na (person 2, user {@code li.na}) has records at H001 and H002, is being seen at H002 now, and has
 *     opted out of sharing across hospitals;</li>
 * <li>nobody is in care at H003, so Dr Zhao (H003) is in no care relationship.</li>
 * </ul>
 */
public final class CityFixture {

    public record Person(int number, String citizenId, String h001Patient, String h002Patient,
                         String h001Observation, String h002Observation) {
    }

    private static CityFixture instance;

    public final Person zhangWei;
    public final Person liNa;
    public final String zhangWeiCoverage;

    private CityFixture(Person zhangWei, Person liNa, String zhangWeiCoverage) {
        this.zhangWei = zhangWei;
        this.liNa = liNa;
        this.zhangWeiCoverage = zhangWeiCoverage;
    }

    public static synchronized CityFixture of(CityRecordClient city) {
        if (instance == null) {
            Person zhangWei = push(city, 1);
            Person liNa = push(city, 2);
            activeEncounter(city, "H002", zhangWei.h002Patient(), "ADM-1");
            activeEncounter(city, "H002", liNa.h002Patient(), "VISIT-2");
            optOut(city, liNa);
            instance = new CityFixture(zhangWei, liNa, coverage(city, zhangWei));
        }
        return instance;
    }

    private static Person push(CityRecordClient city, int person) {
        for (String hospital : new String[] {"H001", "H002"}) {
            city.hospital(hospital).transaction().withBundle(new HospitalFeed(hospital).history(person, HospitalFeed.Shape.SMALL)).execute();
        }
        IGenericClient admin = city.admin();
        return new Person(person, HospitalFeed.citizenId(person), patient(admin, "H001", person), patient(admin, "H002", person),
                observation(admin, "H001", person), observation(admin, "H002", person));
    }

    private static String patient(IGenericClient admin, String hospital, int person) {
        Bundle found = admin.search().forResource(Patient.class)
                .where(new TokenClientParam("identifier").exactly()
                        .systemAndCode(CityIdentifiers.hospitalNamespace(hospital) + "mrn", "MRN-" + person))
                .returnBundle(Bundle.class).execute();
        return found.getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    private static String observation(IGenericClient admin, String hospital, int person) {
        Bundle found = admin.search().forResource(Observation.class)
                .where(new TokenClientParam("identifier").exactly()
                        .systemAndCode(CityIdentifiers.hospitalNamespace(hospital) + "lab-result", "OBS-" + person + "-0"))
                .returnBundle(Bundle.class).execute();
        return found.getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    private static void activeEncounter(CityRecordClient city, String hospital, String patientId, String visit) {
        Encounter encounter = new Encounter();
        encounter.addIdentifier().setSystem(CityIdentifiers.hospitalNamespace(hospital) + "encounter").setValue(visit);
        encounter.setStatus(Encounter.EncounterStatus.INPROGRESS);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"));
        encounter.setSubject(new Reference("Patient/" + patientId));
        encounter.setPeriod(new Period().setStart(new Date()));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        HospitalFeed.add(bundle, encounter);
        city.hospital(hospital).transaction().withBundle(bundle).execute();
    }

    /** Li Na, signed in, records that other hospitals' doctors are not to see her records. */
    private static void optOut(CityRecordClient city, Person person) {
        city.patient("li.na").create().resource(optOutOf(person.h001Patient())).execute();
    }

    /** A person's opt-out of sharing across hospitals, as the person's app records it for one of their records. */
    public static Consent optOutOf(String patientId) {
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope",
                "patient-privacy", "Privacy Consent")));
        consent.addCategory(new CodeableConcept(new Coding(CityIdentifiers.CONSENT_KIND,
                CityIdentifiers.NO_CROSS_HOSPITAL_SHARING, "No sharing across hospitals")));
        consent.setPatient(new Reference("Patient/" + patientId));
        consent.setDateTime(new Date());
        consent.getPolicyRule().setText("OneCity sharing of records across hospitals");
        consent.getProvision().setType(Consent.ConsentProvisionType.DENY);
        return consent;
    }

    /** The city fund covers Zhang Wei; the bureau registers the insurer, H001 the coverage. */
    private static String coverage(CityRecordClient city, Person person) {
        Organization fund = new Organization();
        fund.addIdentifier(new Identifier().setSystem(CityIdentifiers.INSURER_CODE).setValue("CITY-FUND"));
        fund.setName("City Social Insurance Fund");
        city.admin().update().resource(fund).conditionalByUrl("Organization?identifier="
                + CityIdentifiers.INSURER_CODE + "|CITY-FUND").execute();
        Coverage coverage = new Coverage();
        coverage.addIdentifier().setSystem(CityIdentifiers.hospitalNamespace("H001") + "coverage").setValue("COV-" + person.number());
        coverage.setStatus(Coverage.CoverageStatus.ACTIVE);
        coverage.setBeneficiary(new Reference("Patient/" + person.h001Patient()));
        coverage.addPayor(new Reference("Organization?identifier=" + CityIdentifiers.INSURER_CODE + "|CITY-FUND"));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        HospitalFeed.add(bundle, coverage);
        Bundle response = city.hospital("H001").transaction().withBundle(bundle).execute();
        return new org.hl7.fhir.r4.model.IdType(response.getEntryFirstRep().getResponse().getLocation()).getIdPart();
    }
}
