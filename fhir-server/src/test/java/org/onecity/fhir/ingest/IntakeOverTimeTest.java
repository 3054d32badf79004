package org.onecity.fhir.ingest;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.onecity.common.test.CityTokens;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.onecity.fhir.support.HospitalFeed;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bureau's intake report answers per day of the city as well as in all-time totals, and only to the bureau. */
@CityRecordTest
class IntakeOverTimeTest {

    private static final String HOSPITAL = "H004";
    private static final int PERSON = 96_501;

    @Autowired
    CityRecordClient city;

    @Test
    void todaysAcceptedAndRefusedResourcesAreOnTodaysLineOfTheHospital() {
        String today = LocalDate.now(IntakeLedger.CITY_ZONE).toString();
        Map<String, Long> before = byDay(report(city.admin(), 7));
        Map<String, Long> totalsBefore = totals(report(city.admin(), null));
        HospitalFeed feed = new HospitalFeed(HOSPITAL);
        Bundle accepted = feed.history(PERSON, HospitalFeed.Shape.SMALL);
        city.hospital(HOSPITAL).transaction().withBundle(accepted).execute();
        Bundle refused = feed.history(PERSON + 1, HospitalFeed.Shape.SMALL);
        refused.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(Observation.class::isInstance)
                .map(Observation.class::cast).findFirst().orElseThrow().setStatus(null);
        assertThatThrownBy(() -> city.hospital(HOSPITAL).transaction().withBundle(refused).execute())
                .isInstanceOf(BaseServerResponseException.class);

        Map<String, Long> after = byDay(report(city.admin(), 7));
        Map<String, Long> totalsAfter = totals(report(city.admin(), null));
        assertThat(after.getOrDefault(today + " accepted", 0L) - before.getOrDefault(today + " accepted", 0L))
                .as("accepted today").isEqualTo(accepted.getEntry().size());
        assertThat(after.getOrDefault(today + " rejected", 0L) - before.getOrDefault(today + " rejected", 0L))
                .as("refused today").isEqualTo(refused.getEntry().size());
        assertThat(totalsAfter.getOrDefault("accepted", 0L) - totalsBefore.getOrDefault("accepted", 0L))
                .as("the all-time totals count the same").isEqualTo(accepted.getEntry().size());
        assertThat(after.keySet()).allSatisfy(key -> assertThat(key.substring(0, 10))
                .isGreaterThanOrEqualTo(LocalDate.now(IntakeLedger.CITY_ZONE).minusDays(6).toString()));
    }

    @Test
    void aNumberOfDaysOutsideOneToAYearIsRefusedWithTheReason() {
        for (String days : new String[] {"0", "367", "-1", "many"}) {
            HttpResponse<String> answer = city.send(city.request("/$intake-report?days=" + days, CityTokens.admin()));
            assertThat(answer.statusCode()).as("days=" + days).isEqualTo(400);
        }
        HttpResponse<String> answer = city.send(city.request("/$intake-report?days=0", CityTokens.admin()));
        assertThat(answer.body()).contains("days is a number of days from 1 to 366");
    }

    @Test
    void theBureausPersonReadsTheReportWithAReadScopeAndNobodyElseReadsIt() {
        String bureauPerson = CityTokens.person("liu.yang", "openid user/*.rs");
        assertThat(city.send(city.request("/$intake-report?days=7", bureauPerson)).statusCode()).isEqualTo(200);
        assertThat(city.send(city.request("/$mdm-query-links?matchResult=POSSIBLE_MATCH", bureauPerson)).statusCode())
                .isEqualTo(200);
        assertThat(city.send(city.request("/$intake-report?days=7", CityTokens.hospital(HOSPITAL))).statusCode())
                .isEqualTo(403);
        assertThat(city.send(city.request("/$intake-report?days=7", CityTokens.doctor("dr.wang"))).statusCode())
                .isEqualTo(403);
        assertThat(city.send(city.request("/$intake-report?days=7")).statusCode()).isEqualTo(401);
        assertThatThrownBy(() -> report(city.hospital(HOSPITAL), 7)).isInstanceOf(ForbiddenOperationException.class);
    }

    @Test
    void theBureausPersonCannotChangeALinkWithAReadScope() {
        String bureauPerson = CityTokens.person("liu.yang", "openid user/*.rs");
        HttpResponse<String> answer = city.send(city.request("/$mdm-update-link", bureauPerson)
                .header("Content-Type", "application/fhir+json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Parameters\"}")));
        assertThat(answer.statusCode()).isEqualTo(403);
    }

    /** Resources by "day outcome" for the test's hospital. */
    private static Map<String, Long> byDay(Parameters report) {
        Map<String, Long> counts = new TreeMap<>();
        lines(report).forEach((line, resources) -> counts.merge(line.getPart().stream()
                .filter(p -> p.getName().equals("day")).findFirst().orElseThrow().getValue().primitiveValue()
                + " " + line.getName(), resources, Long::sum));
        return counts;
    }

    private static Map<String, Long> totals(Parameters report) {
        Map<String, Long> counts = new TreeMap<>();
        lines(report).forEach((line, resources) -> {
            assertThat(line.getPart()).noneMatch(p -> p.getName().equals("day"));
            counts.merge(line.getName(), resources, Long::sum);
        });
        return counts;
    }

    private static Map<Parameters.ParametersParameterComponent, Long> lines(Parameters report) {
        Map<Parameters.ParametersParameterComponent, Long> lines = new java.util.LinkedHashMap<>();
        for (Parameters.ParametersParameterComponent hospital : report.getParameter()) {
            if (!HOSPITAL.equals(hospital.getPart().get(0).getValue().primitiveValue())) {
                continue;
            }
            for (Parameters.ParametersParameterComponent line : hospital.getPart().subList(1, hospital.getPart().size())) {
                lines.put(line, Long.parseLong(line.getPart().stream().filter(p -> p.getName().equals("resources"))
                        .findFirst().orElseThrow().getValue().primitiveValue()));
            }
        }
        return lines;
    }

    private static Parameters report(IGenericClient client, Integer days) {
        var operation = client.operation().onServer().named(IntakeReportOperation.NAME);
        return (days == null ? operation.withNoParameters(Parameters.class)
                : operation.withParameter(Parameters.class, "days", new IntegerType(days))).useHttpGet().execute();
    }
}
