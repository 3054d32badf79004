package org.onecity.fhir.citypatient;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.fhir.ingest.SourceStamp;
import org.onecity.fhir.support.CityPatientLinks;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.onecity.fhir.support.HospitalFeed;
import org.onecity.fhir.support.RecentResults;
import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A doctor reads a person's results in the order they were taken, whichever hospital sent them and however late;
 * a result its hospital amended shows as amended, with the earlier version in its history; a long history is read
 * page by page without waiting on the server.
 */
@CityRecordTest
class ResultsOnTheTimelineTest {

    @Autowired
    CityRecordClient city;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aResultPushedDaysLateTakesItsPlaceByWhenItWasTaken() {
        int person = 4201;
        push("H001", person, hemoglobin("H001", person, "a", 30, "13.1", Observation.ObservationStatus.FINAL));
        push("H001", person, hemoglobin("H001", person, "c", 10, "12.7", Observation.ObservationStatus.FINAL));
        String cityPatient = inCareAtH002(person);

        push("H003", person, hemoglobin("H003", person, "b", 20, "12.9", Observation.ObservationStatus.FINAL));
        new CityPatientLinks(city).awaitCityPatient(patientAt("H003", person));

        Bundle trend = drChen().search().byUrl("Observation?patient=Patient/" + cityPatient
                + "&code=http://loinc.org|718-7&_sort=date").returnBundle(Bundle.class).execute();
        List<String> hospitals = trend.getEntry().stream()
                .map(e -> SourceStamp.sourceHospital(e.getResource()).orElse("?")).toList();
        assertThat(hospitals).containsExactly("H001", "H003", "H001");
    }

    @Test
    void anAmendedResultShowsAsAmendedWithTheEarlierVersionInItsHistory() {
        int person = 4202;
        push("H001", person, hemoglobin("H001", person, "x", 5, "13.4", Observation.ObservationStatus.FINAL));
        String cityPatient = inCareAtH002(person);

        push("H001", person, hemoglobin("H001", person, "x", 5, "12.1", Observation.ObservationStatus.AMENDED));

        Bundle trend = drChen().search().byUrl("Observation?patient=Patient/" + cityPatient
                + "&code=http://loinc.org|718-7").returnBundle(Bundle.class).execute();
        assertThat(trend.getEntry()).singleElement().satisfies(e -> {
            Observation latest = (Observation) e.getResource();
            assertThat(latest.getStatus()).isEqualTo(Observation.ObservationStatus.AMENDED);
            assertThat(latest.getValueQuantity().getValue()).isEqualByComparingTo(new BigDecimal("12.1"));
            assertThat(latest.getMeta().getVersionId()).isEqualTo("2");
        });
        String id = trend.getEntryFirstRep().getResource().getIdElement().getIdPart();
        Bundle history = drChen().history().onInstance("Observation/" + id).returnBundle(Bundle.class).execute();
        assertThat(history.getEntry()).extracting(e -> ((Observation) e.getResource()).getValueQuantity().getValue().toPlainString())
                .containsExactly("12.1", "13.4");
    }

    @Test
    void aLongHistoryIsFetchedWholeByItsFirstPageSoThatLaterPagesNeverWaitForAnotherPass() {
        int person = 4203;
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        HospitalFeed feed = new HospitalFeed("H001");
        HospitalFeed.add(bundle, feed.hospital());
        String patient = HospitalFeed.add(bundle, feed.patient(person));
        for (int i = 0; i < 620; i++) {
            HospitalFeed.add(bundle, hemoglobin("H001", person, "long-" + i, 1 + i % 300, "13.0",
                    Observation.ObservationStatus.FINAL).setSubject(new Reference(patient)));
        }
        city.hospital("H001").transaction().withBundle(bundle).execute();
        String cityPatient = inCareAtH002(person);

        Bundle first = drChen().search().byUrl(drChen().getServerBase() + "/Patient/" + cityPatient
                        + "/$everything?_mdm=true&_count=100")
                .returnBundle(Bundle.class).execute();
        String search = first.getLink(Bundle.LINK_NEXT).getUrl().replaceAll(".*[?&]_getpages=([^&]+).*", "$1");

        // no later page asked yet: HAPI's default first pass would stop at the first page's 100 and wait for one
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForMap(
                "select search_status, num_found from hfj_search where search_uuid = ?", search))
                .containsEntry("search_status", "FINISHED")
                .satisfies(row -> assertThat(((Number) row.get("num_found")).intValue()).isGreaterThan(620)));
        Set<String> read = new HashSet<>();
        for (Bundle page = first; page != null; page = page.getLink(Bundle.LINK_NEXT) == null ? null
                : drChen().loadPage().next(page).execute()) {
            page.getEntry().forEach(e -> assertThat(read.add(e.getResource().getIdElement().toUnqualifiedVersionless()
                    .getValue())).as("each record once").isTrue());
        }
        assertThat(read.stream().filter(id -> id.startsWith("Observation/"))).hasSize(620);
    }

    private IGenericClient drChen() {
        return city.doctor("dr.chen");
    }

    private void push(String hospital, int person, Observation observation) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        HospitalFeed feed = new HospitalFeed(hospital);
        HospitalFeed.add(bundle, feed.hospital());
        String patient = HospitalFeed.add(bundle, feed.patient(person));
        observation.setSubject(new Reference(patient));
        HospitalFeed.add(bundle, observation);
        city.hospital(hospital).transaction().withBundle(bundle).execute();
    }

    /** Admits the person at H002 and answers their city patient, once the records pushed so far are linked. */
    private String inCareAtH002(int person) {
        city.hospital("H002").transaction().withBundle(new RecentResults("H002").admission(person)).execute();
        CityPatientLinks links = new CityPatientLinks(city);
        links.awaitCityPatient(patientAt("H001", person));
        return links.awaitCityPatient(patientAt("H002", person));
    }

    private String patientAt(String hospital, int person) {
        return city.admin().search().forResource(Patient.class)
                .where(new TokenClientParam("identifier").exactly()
                        .systemAndCode(CityIdentifiers.hospitalNamespace(hospital) + "mrn", "MRN-" + person))
                .returnBundle(Bundle.class).execute().getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    /** A hemoglobin result taken {@code daysAgo}. */
    private static Observation hemoglobin(String hospital, int person, String label, int daysAgo, String value,
            Observation.ObservationStatus status) {
        Observation hemoglobin = new Observation();
        hemoglobin.addIdentifier().setSystem(CityIdentifiers.hospitalNamespace(hospital) + "lab-result")
                .setValue("HB-" + person + "-" + label);
        hemoglobin.setStatus(status);
        hemoglobin.setCode(new CodeableConcept(new Coding(CityIdentifiers.LOINC, "718-7", "Hemoglobin [Mass/volume] in Blood")));
        hemoglobin.setEffective(new DateTimeType(Date.from(Instant.now().minus(daysAgo, ChronoUnit.DAYS))));
        hemoglobin.setValue(new Quantity().setValue(new BigDecimal(value)).setUnit("g/dL")
                .setSystem("http://unitsofmeasure.org").setCode("g/dL"));
        return hemoglobin;
    }
}
