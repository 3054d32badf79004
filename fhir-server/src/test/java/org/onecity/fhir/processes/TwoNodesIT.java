package org.onecity.fhir.processes;

import ca.uhn.fhir.rest.gclient.TokenClientParam;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.embedded.JarProcess;
import org.onecity.common.test.CityTokens;
import org.onecity.common.test.ServiceProcesses;
import org.onecity.fhir.support.CityFixture;
import org.onecity.fhir.support.CityPatientLinks;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.HospitalFeed;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes of the city record on one PostgreSQL: what a write through one changes in access decides the very next
 * request on the other. The nodes remember facts for an hour here, so only the cross-node invalidation
 * (LISTEN/NOTIFY) can make the second node's answer right. Each case asks node B first, so that B remembers the old
 * answer, then writes through node A.
 */
class TwoNodesIT {

    private static final String DATABASE = "two_nodes";
    private static final List<JarProcess> processes = new ArrayList<>();
    private static CityRecordClient nodeA;
    private static CityRecordClient nodeB;

    @BeforeAll
    static void startTwoNodes() {
        int portA = ServiceProcesses.freePort();
        int portB = ServiceProcesses.freePort();
        // one after the other: the first creates the schema the second then finds
        start(portA, 0);
        start(portB, 1);
        nodeA = new CityRecordClient(portA);
        nodeB = new CityRecordClient(portB);
    }

    @AfterAll
    static void stop() {
        processes.forEach(JarProcess::close);
    }

    @Test
    void anOptOutWrittenThroughOneNodeDecidesTheNextRequestOnTheOther() {
        // Li Na (person 2), recorded at H001 and H002, in H002's care
        int liNa = 2;
        for (String hospital : new String[] {"H001", "H002"}) {
            nodeA.hospital(hospital).transaction().withBundle(new HospitalFeed(hospital).history(liNa, HospitalFeed.Shape.SMALL))
                    .execute();
        }
        admit(nodeA, "H002", new HospitalFeed("H002").patient(liNa), "VISIT-2");
        String h001Record = observationOf(nodeA, "H001", liNa);
        assertThat(doctorReads(nodeB, "dr.chen", h001Record)).as("B remembers: in H002's care, sharing").isEqualTo(200);

        optOut(nodeA, patientOf(nodeA, "H001", liNa));

        assertThat(doctorReads(nodeB, "dr.chen", h001Record)).as("B's very next answer after the opt-out on A")
                .isEqualTo(404);
    }

    @Test
    void aNewStayWrittenThroughOneNodeDecidesTheNextRequestOnTheOther() {
        // Zhang Wei (person 1), recorded at H001, not in H003's care until H003 admits him through A
        int zhangWei = 1;
        nodeA.hospital("H001").transaction().withBundle(new HospitalFeed("H001").history(zhangWei, HospitalFeed.Shape.SMALL))
                .execute();
        String record = observationOf(nodeA, "H001", zhangWei);
        assertThat(doctorReads(nodeB, "dr.zhao", record)).as("B remembers: not in H003's care").isEqualTo(404);

        admit(nodeA, "H003", new HospitalFeed("H003").patient(zhangWei), "STAY-1");

        assertThat(doctorReads(nodeB, "dr.zhao", record)).as("B's very next answer after the admission on A")
                .isEqualTo(200);
    }

    @Test
    void aCityPatientLinkMadeThroughOneNodeDecidesTheNextRequestOnTheOther() {
        // person 7, recorded at H001 with a citizen ID; H003 admits someone of the same name, birth date and sex,
        // without a citizen ID and with another card: matching only proposes the link, so H003 cares for a stranger
        int person = 7;
        nodeA.hospital("H001").transaction().withBundle(new HospitalFeed("H001").history(person, HospitalFeed.Shape.SMALL))
                .execute();
        String record = observationOf(nodeA, "H001", person);
        CityPatientLinks links = new CityPatientLinks(nodeA);
        String cityPatient = links.awaitCityPatient(patientOf(nodeA, "H001", person));
        admit(nodeA, "H003", lookalikeAtH003(person), "STAY-7");
        String atH003 = patientOf(nodeA, "H003", 907);
        links.await(atH003, "POSSIBLE_MATCH");
        assertThat(doctorReads(nodeB, "dr.zhao", record)).as("B remembers: only a proposed link, not in H003's care")
                .isEqualTo(404);

        // the bureau, having checked, accepts the proposal through node A
        nodeA.admin().operation().onServer().named("$mdm-update-link")
                .withParameter(Parameters.class, "goldenResourceId", new StringType("Patient/" + cityPatient))
                .andParameter("resourceId", new StringType("Patient/" + atH003))
                .andParameter("matchResult", new StringType("MATCH"))
                .execute();

        assertThat(doctorReads(nodeB, "dr.zhao", record)).as("B's very next answer after the link made on A")
                .isEqualTo(200);
    }

    /** H003's record of someone who looks like the person: the same name, birth date and sex, nothing else shared. */
    private static Patient lookalikeAtH003(int person) {
        Patient lookalike = new HospitalFeed("H003").patient(person);
        lookalike.getIdentifier().removeIf(identifier -> !identifier.getSystem().endsWith("/mrn"));
        lookalike.getIdentifierFirstRep().setValue("MRN-" + (900 + person));
        lookalike.addIdentifier().setSystem(CityIdentifiers.INSURANCE_CARD).setValue(String.format("SC%010d", 900 + person));
        return lookalike;
    }

    private static void start(int port, int index) {
        JarProcess process = JarProcess.start("fhir-server", Path.of("target", "fhir-server.jar"), "1g",
                ServiceProcesses.environment(DATABASE, port), List.of("--onecity.fhir.access.facts-lifetime=1h"),
                Path.of("target", "it-two-nodes-" + index + ".log"));
        processes.add(process);
        process.awaitHealthy(URI.create("http://127.0.0.1:" + port + "/actuator/health"), Duration.ofMinutes(5));
    }

    private static int doctorReads(CityRecordClient node, String doctor, String observation) {
        return node.send(node.request("/Observation/" + observation, CityTokens.doctor(doctor)).GET()).statusCode();
    }

    /** The hospital's record of the person (made if it has none) and an encounter in progress there. */
    private static void admit(CityRecordClient node, String hospital, Patient record, String visit) {
        Bundle admission = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patient = HospitalFeed.add(admission, record);
        Encounter stay = new Encounter();
        stay.addIdentifier().setSystem(CityIdentifiers.hospitalNamespace(hospital) + "encounter").setValue(visit);
        stay.setStatus(Encounter.EncounterStatus.INPROGRESS);
        stay.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"));
        stay.setSubject(new Reference(patient));
        stay.setPeriod(new Period().setStart(new Date()));
        HospitalFeed.add(admission, stay);
        node.hospital(hospital).transaction().withBundle(admission).execute();
    }

    /** The person, signed in, records that other hospitals' doctors are not to see their records. */
    private static void optOut(CityRecordClient node, String patientId) {
        node.patient("li.na").create().resource(CityFixture.optOutOf(patientId)).execute();
    }

    private static String patientOf(CityRecordClient node, String hospital, int person) {
        return node.admin().search().forResource(Patient.class)
                .where(new TokenClientParam("identifier").exactly()
                        .systemAndCode(CityIdentifiers.hospitalNamespace(hospital) + "mrn", "MRN-" + person))
                .returnBundle(Bundle.class).execute().getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    private static String observationOf(CityRecordClient node, String hospital, int person) {
        return node.admin().search().forResource(Observation.class)
                .where(new TokenClientParam("identifier").exactly()
                        .systemAndCode(CityIdentifiers.hospitalNamespace(hospital) + "lab-result", "OBS-" + person + "-0"))
                .returnBundle(Bundle.class).execute().getEntryFirstRep().getResource().getIdElement().getIdPart();
    }
}
