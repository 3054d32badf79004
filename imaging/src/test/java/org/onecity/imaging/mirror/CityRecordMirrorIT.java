package org.onecity.imaging.mirror;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.embedded.JarProcess;
import org.onecity.common.security.BreakGlassHeader;
import org.onecity.common.test.CityTokens;
import org.onecity.common.test.ServiceProcesses;
import org.onecity.imaging.dimse.DimseServer;
import org.onecity.imaging.support.Dcmtk;
import org.onecity.imaging.support.DicomWebClient;
import org.onecity.imaging.support.ImagingTest;
import org.onecity.imaging.support.TestImages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every study is mirrored into the real fhir-server as an ImagingStudy: the changes of a study made while
 * fhir-server is down wait in the outbox and arrive once it is up; later images and the study's deletion update it.
 */
@ImagingTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CityRecordMirrorIT {

    static final int FHIR_PORT = ServiceProcesses.freePort();
    static JarProcess fhirServer;

    @DynamicPropertySource
    static void cityRecord(DynamicPropertyRegistry registry) {
        registry.add("onecity.imaging.mirror.fhir-server", () -> "http://127.0.0.1:" + FHIR_PORT + "/fhir");
        registry.add("onecity.imaging.mirror.settle", () -> "PT1S");
        registry.add("onecity.imaging.mirror.interval", () -> "PT1S");
        registry.add("onecity.imaging.mirror.longest-delay", () -> "PT2S");
        registry.add("onecity.imaging.mirror.clients.H001.id", () -> "hospital-h001");
        registry.add("onecity.imaging.mirror.clients.H001.secret", () -> "h001-demo-secret");
        registry.add("onecity.imaging.mirror.clients.H002.id", () -> "hospital-h002");
        registry.add("onecity.imaging.mirror.clients.H002.secret", () -> "h002-demo-secret");
        registry.add("onecity.access-log-relay.fhir-server", () -> "http://127.0.0.1:" + FHIR_PORT + "/fhir");
        registry.add("onecity.access-log-relay.client-id", () -> "onecity-imaging");
        registry.add("onecity.access-log-relay.client-secret", () -> "imaging-service-demo-secret");
        registry.add("onecity.access-log-relay.interval", () -> "PT1S");
    }

    @Autowired
    DimseServer dimse;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DicomWebClient dicomWeb;
    @TempDir
    Path folder;

    @AfterAll
    static void stopFhirServer() {
        if (fhirServer != null) {
            fhirServer.close();
        }
    }

    @Test
    @Order(1)
    void a_study_stored_while_the_city_record_is_down_is_mirrored_once_it_is_up_and_follows_every_change() {
        String mrn = "MRN-MIRROR-" + TestImages.uid().substring(5, 12);
        var study = TestImages.study(mrn, "H001", "Zhao^Min", "20261105");
        var first = TestImages.ct(study, 16, 16);
        store(first);

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select attempts from mirror_outbox where study_uid = ?", Integer.class, study.studyUid()) > 0);

        fhirServer = ServiceProcesses.fhirServer("mirror_fhir", FHIR_PORT, Path.of("target", "it-mirror-fhir-server.log"));
        pushPatient("H001", mrn, "370202196001010011");
        ImagingStudy mirrored = awaitMirror("H001", study.studyUid(), s -> s.getNumberOfInstances() == 1);
        assertThat(mirrored.getStatus()).isEqualTo(ImagingStudy.ImagingStudyStatus.AVAILABLE);
        assertThat(mirrored.getModalityFirstRep().getCode()).isEqualTo("CT");
        assertThat(mirrored.getNumberOfSeries()).isEqualTo(1);
        assertThat(mirrored.getStartedElement().getValueAsString()).startsWith("2026-11-05T10:15:00");
        assertThat(mirrored.getSubject().getReference()).startsWith("Patient/");
        Endpoint endpoint = (Endpoint) mirrored.getContained().get(0);
        assertThat(endpoint.getConnectionType().getCode()).isEqualTo("dicom-wado-rs");
        assertThat(endpoint.getAddress()).endsWith("/dicomweb");
        assertThat(jdbc.queryForObject("select count(*) from mirror_outbox where study_uid = ?", Integer.class,
                study.studyUid())).isZero();

        store(first.numbered(2));
        store(TestImages.ct(study, 16, 16));
        ImagingStudy updated = awaitMirror("H001", study.studyUid(), s -> s.getNumberOfInstances() == 3);
        assertThat(updated.getNumberOfSeries()).isEqualTo(2);
        assertThat(updated.getIdElement().getIdPart()).isEqualTo(mirrored.getIdElement().getIdPart());

        var deleted = dicomWeb.delete(CityTokens.hospital("H001"), "/studies/" + study.studyUid());
        assertThat(deleted.status()).isEqualTo(204);
        ImagingStudy withdrawn = awaitMirror("H001", study.studyUid(),
                s -> s.getStatus() == ImagingStudy.ImagingStudyStatus.ENTEREDINERROR);
        assertThat(withdrawn.getNumberOfInstances()).isZero();
    }

    /** Zhang Wei (a demo patient) is in hospital H001 now; his CT was done at H002 last year. */
    @Test
    @Order(2)
    void a_doctor_caring_for_the_person_reads_another_hospitals_study_and_no_one_else_does() {
        String citizen = "37020219510102001X";
        String suffix = TestImages.uid().substring(5, 12);
        String mrnAtH001 = "MRN-CARE-" + suffix;
        String mrnAtH002 = "MRN-PRIOR-" + suffix;
        pushPatient("H001", mrnAtH001, citizen);
        pushPatient("H002", mrnAtH002, citizen);
        pushEncounterInProgress("H001", mrnAtH001, "ENC-" + suffix);
        var prior = TestImages.study(mrnAtH002, "H002", "Zhang^Wei", "20251020");
        Dcmtk.ok("storescu", "-aet", "H002_PACS", "-aec", "ONECITY", "127.0.0.1", String.valueOf(dimse.port()),
                TestImages.write(TestImages.ct(prior, 16, 16), folder).toString());
        awaitMirror("H002", prior.studyUid(), s -> s.getNumberOfInstances() == 1);
        String metadata = "/studies/" + prior.studyUid() + "/metadata";
        String search = "/studies?PatientID=" + mrnAtH002;

        assertThat(dicomWeb.search(CityTokens.doctor("dr.wang"), search)).hasSize(1);
        assertThat(dicomWeb.get(CityTokens.doctor("dr.wang"), metadata, null).status()).isEqualTo(200);
        assertThat(dicomWeb.get(CityTokens.patient("zhang.wei"), metadata, null).status()).isEqualTo(200);
        assertThat(dicomWeb.search(CityTokens.doctor("dr.zhao"), search)).isEmpty();
        assertThat(dicomWeb.get(CityTokens.doctor("dr.zhao"), metadata, null).status()).isEqualTo(404);
        assertThat(dicomWeb.get(CityTokens.patient("li.na"), metadata, null).status()).isEqualTo(404);
        assertThat(dicomWeb.get(CityTokens.hospital("H001"), metadata, null).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from access_log where study_uid = ? and who = 'dr.wang'",
                Integer.class, prior.studyUid())).isPositive();
    }

    /** Every look at the study, here and through the city record, is in Zhang Wei's one access log. */
    @Test
    @Order(3)
    void every_read_of_a_study_reaches_the_persons_access_log_in_the_city_record_with_break_glass_marked() {
        String citizen = "37020219510102001X";
        String suffix = TestImages.uid().substring(5, 12);
        String mrn = "MRN-LOG-" + suffix;
        pushPatient("H002", mrn, citizen);
        var study = TestImages.study(mrn, "H002", "Zhang^Wei", "20251021");
        Dcmtk.ok("storescu", "-aet", "H002_PACS", "-aec", "ONECITY", "127.0.0.1", String.valueOf(dimse.port()),
                TestImages.write(TestImages.ct(study, 16, 16), folder).toString());
        awaitMirror("H002", study.studyUid(), s -> s.getNumberOfInstances() == 1);
        String metadata = "/studies/" + study.studyUid() + "/metadata";
        String reason = "Unconscious in the emergency room, prior chest imaging needed";

        assertThat(dicomWeb.get(CityTokens.admin(), metadata, null).status()).isEqualTo(200);
        assertThat(dicomWeb.get(CityTokens.doctor("dr.zhao"), metadata, null).status()).as("no care, no glass").isEqualTo(404);
        assertThat(dicomWeb.get(CityTokens.doctor("dr.zhao"), metadata, null,
                java.util.Map.of("X-Break-Glass-Reason", reason)).status()).as("break-glass, relayed to the city record").isEqualTo(200);
        String chineseReason = "急诊抢救，患者昏迷，需查看既往胸部影像";
        String studies = "/studies?StudyInstanceUID=" + study.studyUid();
        assertThat(new String(dicomWeb.get(CityTokens.doctor("dr.zhao"), studies, "application/dicom+json",
                java.util.Map.of("X-Break-Glass-Reason", BreakGlassHeader.write(chineseReason))).body(),
                java.nio.charset.StandardCharsets.UTF_8)).as("a Chinese reason as an RFC 8187 value, relayed so").contains(study.studyUid());
        Integer logged = jdbc.queryForObject("select count(*) from access_log", Integer.class);
        for (String path : List.of(metadata, studies)) {
            DicomWebClient.Answer malformed = dicomWeb.get(CityTokens.doctor("dr.zhao"), path, null,
                    java.util.Map.of("X-Break-Glass-Reason", "UTF-8''%E6%80%A5%0A%E8%AF%8A%E6%8A%A2%E6%95%91%E6%82%A3%E8%80%85%E6%98%8F%E8%BF%B7"));
            assertThat(malformed.status()).as(path).isEqualTo(400);
            assertThat(new String(malformed.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("X-Break-Glass-Reason");
        }
        assertThat(jdbc.queryForObject("select count(*) from access_log", Integer.class)).as("nothing read, nothing logged")
                .isEqualTo(logged);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<org.hl7.fhir.r4.model.AuditEvent> log = patientsLog("zhang.wei").stream()
                    .filter(e -> "OneCity imaging".equals(e.getSource().getObserver().getDisplay()))
                    .filter(e -> e.getEntity().stream().anyMatch(x -> x.getDescription() != null
                            && x.getDescription().contains(study.studyUid())))
                    .toList();
            assertThat(log).anySatisfy(e -> assertThat(e.getAgentFirstRep().getWho().getIdentifier().getValue())
                    .isEqualTo("bureau-admin"));
            assertThat(log).anySatisfy(e -> {
                assertThat(e.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("dr.zhao");
                assertThat(e.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("BTG");
                assertThat(e.getPurposeOfEventFirstRep().getText()).contains(reason);
            });
            assertThat(log).anySatisfy(e -> assertThat(e.getPurposeOfEventFirstRep().getText()).contains(chineseReason));
        });
        assertThat(jdbc.queryForObject("select count(*) from access_log where study_uid = ? and relayed_at is null",
                Integer.class, study.studyUid())).as("nothing left waiting").isZero();
    }

    private List<org.hl7.fhir.r4.model.AuditEvent> patientsLog(String patient) {
        IGenericClient client = FhirContext.forR4Cached().newRestfulGenericClient("http://127.0.0.1:" + FHIR_PORT + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(CityTokens.patient(patient)));
        return client.search().forResource(org.hl7.fhir.r4.model.AuditEvent.class).count(500).returnBundle(Bundle.class)
                .execute().getEntry().stream().map(e -> (org.hl7.fhir.r4.model.AuditEvent) e.getResource()).toList();
    }

    private void store(TestImages.Image image) {
        Dcmtk.ok("storescu", "-aet", "H001_PACS", "-aec", "ONECITY", "127.0.0.1", String.valueOf(dimse.port()),
                TestImages.write(image, folder).toString());
    }

    private ImagingStudy awaitMirror(String hospital, String studyUid,
                                     java.util.function.Predicate<ImagingStudy> condition) {
        ImagingStudy[] found = {null};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Bundle bundle = cityRecord(hospital).search().forResource(ImagingStudy.class)
                    .where(ImagingStudy.IDENTIFIER.exactly().systemAndCode(ImagingStudies.DICOM_UID, "urn:oid:" + studyUid))
                    .returnBundle(Bundle.class).execute();
            List<ImagingStudy> studies = bundle.getEntry().stream().map(e -> (ImagingStudy) e.getResource()).toList();
            assertThat(studies).hasSizeLessThanOrEqualTo(1);
            found[0] = studies.isEmpty() ? null : studies.get(0);
            return found[0] != null && condition.test(found[0]);
        });
        return found[0];
    }

    private void pushPatient(String hospital, String mrn, String citizenId) {
        String mrnSystem = CityIdentifiers.hospitalNamespace(hospital) + "mrn";
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(mrnSystem).setValue(mrn);
        patient.addIdentifier().setSystem(CityIdentifiers.CITIZEN_ID).setValue(citizenId);
        patient.addName().setFamily("Zhang").addGiven("Wei");
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                .setUrl("Patient?identifier=" + mrnSystem + "|" + mrn);
        cityRecord(hospital).transaction().withBundle(transaction).execute();
    }

    private void pushEncounterInProgress(String hospital, String mrn, String visit) {
        String system = CityIdentifiers.hospitalNamespace(hospital) + "encounter";
        Encounter encounter = new Encounter();
        encounter.addIdentifier().setSystem(system).setValue(visit);
        encounter.setStatus(Encounter.EncounterStatus.INPROGRESS);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"));
        encounter.setSubject(new Reference("Patient?identifier=" + CityIdentifiers.hospitalNamespace(hospital) + "mrn|"
                + mrn));
        encounter.setPeriod(new Period().setStart(new java.util.Date()));
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setResource(encounter).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                .setUrl("Encounter?identifier=" + system + "|" + visit);
        cityRecord(hospital).transaction().withBundle(transaction).execute();
    }

    private IGenericClient cityRecord(String hospital) {
        IGenericClient client = FhirContext.forR4Cached().newRestfulGenericClient("http://127.0.0.1:" + FHIR_PORT + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(CityTokens.hospital(hospital)));
        return client;
    }
}
