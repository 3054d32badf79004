package org.onecity.fhir.access;

import ca.uhn.fhir.rest.gclient.TokenClientParam;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.test.CityTokens;
import org.onecity.fhir.support.CityFixture;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.onecity.fhir.support.HospitalFeed;

import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access decisions follow the record at once: when a stay ends, the doctor's access ends with it; when a person
 * withdraws or renews their opt-out, the next request sees it. Nothing remembered between requests outlives the
 * write that changed it.
 */
@CityRecordTest
class DecisionsFollowTheRecordTest {

    @Autowired
    CityRecordClient city;


    @Test
    void whenTheStayEndsTheDoctorsAccessEndsWithIt() {
        int person = 6001;
        city.hospital("H001").transaction().withBundle(new HospitalFeed("H001").history(person, HospitalFeed.Shape.SMALL)).execute();
        String observation = observationOf("H001", person);
        Encounter stay = stayAtH003(person, Encounter.EncounterStatus.INPROGRESS);
        assertThat(statusOfDoctorsRead("dr.zhao", observation)).as("while in care").isEqualTo(200);

        stay.setStatus(Encounter.EncounterStatus.FINISHED);
        stay.getPeriod().setEnd(new Date());
        Bundle discharge = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        HospitalFeed.add(discharge, stay);
        city.hospital("H003").transaction().withBundle(discharge).execute();

        assertThat(statusOfDoctorsRead("dr.zhao", observation)).as("after discharge").isEqualTo(404);
    }

    @Test
    void aWithdrawnOptOutSharesAtOnceAndARenewedOneStopsAtOnce() {
        CityFixture fixture = CityFixture.of(city);
        String otherHospitalsRecord = fixture.liNa.h001Observation();
        Consent optOut = (Consent) city.patient("li.na").search().forResource(Consent.class).returnBundle(Bundle.class)
                .execute().getEntryFirstRep().getResource();
        assertThat(statusOfDoctorsRead("dr.chen", otherHospitalsRecord)).as("opted out").isEqualTo(404);
        try {
            optOut.setId(optOut.getIdElement().toUnqualifiedVersionless());
            optOut.setStatus(Consent.ConsentState.INACTIVE);
            city.patient("li.na").update().resource(optOut).execute();
            assertThat(statusOfDoctorsRead("dr.chen", otherHospitalsRecord)).as("sharing again").isEqualTo(200);
        } finally {
            optOut.setId(optOut.getIdElement().toUnqualifiedVersionless());
            optOut.setStatus(Consent.ConsentState.ACTIVE);
            city.patient("li.na").update().resource(optOut).execute();
        }
        assertThat(statusOfDoctorsRead("dr.chen", otherHospitalsRecord)).as("opted out again").isEqualTo(404);
    }

    private int statusOfDoctorsRead(String doctor, String observation) {
        return city.send(city.request("/Observation/" + observation, CityTokens.doctor(doctor)).GET()).statusCode();
    }

    private Encounter stayAtH003(int person, Encounter.EncounterStatus status) {
        HospitalFeed h003 = new HospitalFeed("H003");
        Bundle admission = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patient = HospitalFeed.add(admission, h003.patient(person));
        Encounter stay = new Encounter();
        stay.addIdentifier().setSystem(CityIdentifiers.hospitalNamespace("H003") + "encounter").setValue("STAY-" + person);
        stay.setStatus(status);
        stay.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"));
        stay.setSubject(new Reference(patient));
        stay.setPeriod(new Period().setStart(new Date()));
        HospitalFeed.add(admission, stay);
        Bundle response = city.hospital("H003").transaction().withBundle(admission).execute();
        stay.setSubject(new Reference(response.getEntry().get(0).getResponse().getLocation().replaceAll("/_history/.*", "")));
        return stay;
    }

    private String observationOf(String hospital, int person) {
        return city.admin().search().forResource(Observation.class)
                .where(new TokenClientParam("identifier").exactly()
                        .systemAndCode(CityIdentifiers.hospitalNamespace(hospital) + "lab-result", "OBS-" + person + "-0"))
                .returnBundle(Bundle.class).execute().getEntryFirstRep().getResource().getIdElement().getIdPart();
    }
}
