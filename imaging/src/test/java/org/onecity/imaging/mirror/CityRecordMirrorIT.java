package org.onecity.imaging.mirror;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.embedded.JarProcess;
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
class CityRecordMirrorIT {

    static final int FHIR_PORT = ServiceProcesses.freePort();
    static final String MRN_SYSTEM = CityIdentifiers.hospitalNamespace("H001") + "mrn";
    static JarProcess fhirServer;

    @DynamicPropertySource
    static void cityRecord(DynamicPropertyRegistry registry) {
        registry.add("onecity.imaging.mirror.fhir-server", () -> "http://127.0.0.1:" + FHIR_PORT + "/fhir");
        registry.add("onecity.imaging.mirror.settle", () -> "PT1S");
        registry.add("onecity.imaging.mirror.interval", () -> "PT1S");
        registry.add("onecity.imaging.mirror.clients.H001.id", () -> "hospital-h001");
        registry.add("onecity.imaging.mirror.clients.H001.secret", () -> "h001-demo-secret");
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
    void a_study_stored_while_the_city_record_is_down_is_mirrored_once_it_is_up_and_follows_every_change() {
        String mrn = "MRN-MIRROR-" + TestImages.uid().substring(5, 12);
        var study = TestImages.study(mrn, "H001", "Zhao^Min", "20261105");
        var first = TestImages.ct(study, 16, 16);
        store(first);

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select attempts from mirror_outbox where study_uid = ?", Integer.class, study.studyUid()) > 0);

        fhirServer = ServiceProcesses.fhirServer("mirror_fhir", FHIR_PORT, Path.of("target", "it-mirror-fhir-server.log"));
        pushPatient(mrn);
        ImagingStudy mirrored = awaitMirror(study.studyUid(), s -> s.getNumberOfInstances() == 1);
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
        ImagingStudy updated = awaitMirror(study.studyUid(), s -> s.getNumberOfInstances() == 3);
        assertThat(updated.getNumberOfSeries()).isEqualTo(2);
        assertThat(updated.getIdElement().getIdPart()).isEqualTo(mirrored.getIdElement().getIdPart());

        var deleted = dicomWeb.delete(CityTokens.hospital("H001"), "/studies/" + study.studyUid());
        assertThat(deleted.status()).isEqualTo(204);
        ImagingStudy withdrawn = awaitMirror(study.studyUid(),
                s -> s.getStatus() == ImagingStudy.ImagingStudyStatus.ENTEREDINERROR);
        assertThat(withdrawn.getNumberOfInstances()).isZero();
    }

    private void store(TestImages.Image image) {
        Dcmtk.ok("storescu", "-aet", "H001_PACS", "-aec", "ONECITY", "127.0.0.1", String.valueOf(dimse.port()),
                TestImages.write(image, folder).toString());
    }

    private ImagingStudy awaitMirror(String studyUid, java.util.function.Predicate<ImagingStudy> condition) {
        ImagingStudy[] found = {null};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Bundle bundle = cityRecord().search().forResource(ImagingStudy.class)
                    .where(ImagingStudy.IDENTIFIER.exactly().systemAndCode(ImagingStudies.DICOM_UID, "urn:oid:" + studyUid))
                    .returnBundle(Bundle.class).execute();
            List<ImagingStudy> studies = bundle.getEntry().stream().map(e -> (ImagingStudy) e.getResource()).toList();
            assertThat(studies).hasSizeLessThanOrEqualTo(1);
            found[0] = studies.isEmpty() ? null : studies.get(0);
            return found[0] != null && condition.test(found[0]);
        });
        return found[0];
    }

    private void pushPatient(String mrn) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN_SYSTEM).setValue(mrn);
        patient.addIdentifier().setSystem(CityIdentifiers.CITIZEN_ID).setValue("370202196001010011");
        patient.addName().setFamily("Zhao").addGiven("Min");
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                .setUrl("Patient?identifier=" + MRN_SYSTEM + "|" + mrn);
        cityRecord().transaction().withBundle(transaction).execute();
    }

    private IGenericClient cityRecord() {
        IGenericClient client = FhirContext.forR4Cached().newRestfulGenericClient("http://127.0.0.1:" + FHIR_PORT + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(CityTokens.hospital("H001")));
        return client;
    }
}
