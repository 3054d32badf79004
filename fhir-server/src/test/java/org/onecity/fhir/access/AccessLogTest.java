package org.onecity.fhir.access;

import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onecity.common.security.BreakGlassHeader;
import org.onecity.common.test.CityTokens;
import org.onecity.fhir.support.CityFixture;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.onecity.fhir.support.HospitalFeed;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every read and write of patient data is on record before it is answered; a patient can see who looked. */
@CityRecordTest
class AccessLogTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CityRecordClient city;
    CityFixture fixture;

    @BeforeEach
    void data() {
        fixture = CityFixture.of(city);
    }

    @Test
    void aDoctorsReadIsOnRecordWithWhoRoleOrganizationPatientPurposeAndOutcome() {
        city.doctor("dr.chen").read().resource(Observation.class).withId(fixture.zhangWei.h001Observation()).execute();

        AuditEvent entry = latestSeenByPatient("zhang.wei", "dr.chen");
        assertThat(entry.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
        assertThat(entry.getSubtypeFirstRep().getCode()).isEqualTo("read");
        assertThat(entry.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
        assertThat(entry.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("TREAT");
        assertThat(entry.getAgentFirstRep().getWho().getDisplay()).isEqualTo("Dr Chen Jie");
        assertThat(entry.getAgentFirstRep().getRoleFirstRep().getCodingFirstRep().getCode()).isEqualTo("doctor");
        assertThat(entry.getAgent()).anySatisfy(a -> assertThat(a.getWho().getIdentifier().getValue()).isEqualTo("H002"));
        assertThat(entry.getEntity()).anySatisfy(e ->
                assertThat(e.getWhat().getReference()).isEqualTo("Patient/" + fixture.zhangWei.h001Patient()));
        assertThat(entry.getRecorded()).isNotNull();
    }

    @Test
    void aBreakGlassReadIsMarkedInThePatientsLog() {
        String reason = "Found unconscious at the station, no relatives reachable";
        city.send(city.request("/Observation/" + fixture.zhangWei.h001Observation(), CityTokens.doctor("dr.zhao"))
                .header(AccessGate.BREAK_GLASS_HEADER, reason).GET());

        AuditEvent entry = latestSeenByPatient("zhang.wei", "dr.zhao");
        assertThat(entry.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("BTG");
        assertThat(entry.getPurposeOfEventFirstRep().getText()).contains(reason);
    }

    @Test
    void aBreakGlassReasonInChineseSentAsAnRfc8187ValueOpensTheRecordAndIsInThePatientsLogAsWritten() {
        String reason = "患者在车站昏迷，无法联系家属";
        HttpResponse<String> read = city.send(city.request("/Observation/" + fixture.zhangWei.h001Observation(),
                CityTokens.doctor("dr.zhao")).header(AccessGate.BREAK_GLASS_HEADER, BreakGlassHeader.write(reason)).GET());
        HttpResponse<String> everything = city.send(city.request("/Patient/" + fixture.zhangWei.h001Patient() + "/$everything",
                CityTokens.doctor("dr.zhao")).header(AccessGate.BREAK_GLASS_HEADER, BreakGlassHeader.write(reason)).GET());

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(everything.statusCode()).as(everything.body()).isEqualTo(200);
        assertThat(everything.body()).contains(fixture.zhangWei.h001Observation());
        AuditEvent entry = latestSeenByPatient("zhang.wei", "dr.zhao");
        assertThat(entry.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("BTG");
        assertThat(entry.getPurposeOfEventFirstRep().getText()).contains(reason);
        assertThat(jdbc.queryForObject("select count(*) from onecity.audit_event where agent_subject = 'dr.zhao' "
                + "and break_glass_reason = ?", Long.class, reason)).as("the read and $everything").isGreaterThanOrEqualTo(2);
    }

    /** Like any refused request, the attempt is on record as refused: no reason, no break-glass, nothing read. */
    @Test
    void aMalformedBreakGlassReasonIsA400ThatReadsNothingAndIsOnRecordOnlyAsARefusal() {
        Long before = jdbc.queryForObject("select coalesce(max(id), 0) from onecity.audit_event", Long.class);
        for (String malformed : List.of("UTF-8''%E6%82", "UTF-8''%ZZ%20unconscious", "UTF-8''Unconscious%0D%0Ain%20the%20ER")) {
            HttpResponse<String> read = city.send(city.request("/Observation/" + fixture.zhangWei.h001Observation(),
                    CityTokens.doctor("dr.zhao")).header(AccessGate.BREAK_GLASS_HEADER, malformed).GET());
            HttpResponse<String> search = city.send(city.request("/Observation?subject=Patient/" + fixture.zhangWei.h001Patient(),
                    CityTokens.doctor("dr.zhao")).header(AccessGate.BREAK_GLASS_HEADER, malformed).GET());

            for (HttpResponse<String> refused : List.of(read, search)) {
                assertThat(refused.statusCode()).as(malformed).isEqualTo(400);
                assertThat(refused.body()).contains("OperationOutcome").contains(AccessGate.BREAK_GLASS_HEADER)
                        .doesNotContain("\"resourceType\":\"Observation\"");
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from onecity.audit_event where id > ? and agent_subject = 'dr.zhao' "
                + "and (outcome = 0 or purpose_of_use = 'BTG' or break_glass_reason is not null)", Long.class, before)).isZero();
    }

    @Test
    void aRefusedLookIsOnRecordToo() {
        city.send(city.request("/Observation?subject=Patient/" + fixture.liNa.h001Patient(), CityTokens.doctor("dr.zhao")).GET());

        AuditEvent entry = latestSeenByPatient("li.na", "dr.zhao");
        assertThat(entry.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
        assertThat(entry.getOutcomeDesc()).contains("withheld");
        assertThat(entry.getEntity()).as("this search, which found nothing to show").anySatisfy(e -> assertThat(
                e.getDescription()).contains("Observation?subject=Patient/" + fixture.liNa.h001Patient()));
    }

    @Test
    void aPatientSeesTheirOwnLogAndNoOneElses() {
        city.doctor("dr.chen").read().resource(Observation.class).withId(fixture.liNa.h002Observation()).execute();

        Bundle log = city.patient("zhang.wei").search().forResource(AuditEvent.class).returnBundle(Bundle.class).execute();

        assertThat(log.getEntry()).isNotEmpty().allSatisfy(e -> assertThat(((AuditEvent) e.getResource()).getEntity())
                .anySatisfy(entity -> assertThat(entity.getWhat().getIdentifier().getValue()).isEqualTo(fixture.zhangWei.citizenId())));
    }

    @Test
    void aHospitalsPushIsOnRecordInTheSameTransaction() {
        int person = 5001;
        city.hospital("H003").transaction().withBundle(new HospitalFeed("H003").history(person, HospitalFeed.Shape.SMALL)).execute();

        Long entries = jdbc.queryForObject("select count(*) from onecity.audit_event where agent_subject = 'hospital-h003' "
                + "and person_value = ? and action in ('C','U','E') and outcome = 0", Long.class, HospitalFeed.citizenId(person));
        assertThat(entries).isEqualTo(1);
    }

    @Test
    void whenTheAccessCannotBeRecordedItIsRefused() {
        jdbc.execute("alter table onecity.audit_event add constraint log_down check (agent_subject <> 'dr.wang') not valid");
        try {
            HttpResponse<String> read = city.send(city.request("/Organization", CityTokens.doctor("dr.wang")).GET());
            assertThat(read.statusCode()).isEqualTo(503);
            assertThat(read.body()).doesNotContain("\"resourceType\":\"Bundle\"").contains("access log");
        } finally {
            jdbc.execute("alter table onecity.audit_event drop constraint log_down");
        }
    }

    @Test
    void whenAWriteCannotBeRecordedNothingIsStored() {
        int person = 5002;
        jdbc.execute("alter table onecity.audit_event add constraint log_down check (agent_subject <> 'hospital-h003') not valid");
        long before = resources();
        try {
            HttpResponse<String> push = city.send(city.request("", CityTokens.hospital("H003"))
                    .header("Content-Type", "application/fhir+json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(CityRecordClient.fhir().newJsonParser()
                            .encodeResourceToString(new HospitalFeed("H003").history(person, HospitalFeed.Shape.SMALL)))));
            assertThat(push.statusCode()).isGreaterThanOrEqualTo(500);
            assertThat(resources()).isEqualTo(before);
        } finally {
            jdbc.execute("alter table onecity.audit_event drop constraint log_down");
        }
    }

    @Test
    void whenARefusalCannotBeRecordedTheCallerIsToldSoInsteadOfTheRefusal() {
        jdbc.execute("alter table onecity.audit_event add constraint log_down check (agent_subject <> 'dr.zhao') not valid");
        try {
            HttpResponse<String> refused = city.send(city.request("/AuditEvent", CityTokens.doctor("dr.zhao")).GET());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        } finally {
            jdbc.execute("alter table onecity.audit_event drop constraint log_down");
        }
    }

    @Test
    void aPatientPagesThroughTheirWholeLog() {
        city.doctor("dr.chen").read().resource(Observation.class).withId(fixture.liNa.h002Observation()).execute();
        city.doctor("dr.chen").read().resource(Observation.class).withId(fixture.liNa.h002Observation()).execute();
        Long entries = jdbc.queryForObject("select count(*) from onecity.audit_event where person_value = ?", Long.class,
                fixture.liNa.citizenId());

        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        Bundle page = city.patient("li.na").search().forResource(AuditEvent.class).count(1).returnBundle(Bundle.class).execute();
        int pages = 0;
        while (true) {
            pages++;
            page.getEntry().forEach(e -> seen.add(e.getResource().getIdElement().getIdPart()));
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                break;
            }
            page = city.patient("li.na").loadPage().next(page).execute();
        }
        assertThat(pages).as("one entry a page").isGreaterThan(1);
        assertThat((long) seen.size()).as("every entry, each once").isEqualTo(entries);
    }

    @Test
    void aServicesRelayedEntryIsInThePersonsLogOnceMarkedWithTheService() {
        String id = "billing-test-" + java.util.UUID.randomUUID();
        String entry = """
                {"resourceType":"AuditEvent","id":"%s","type":{"code":"rest"},"action":"R","recorded":"2026-12-01T08:00:00Z",
                 "outcome":"0","purposeOfEvent":[{"coding":[{"code":"HPAYMT"}]}],
                 "agent":[{"requestor":true,"who":{"identifier":{"value":"insurer-city-fund"},"display":"City Fund"},
                           "role":[{"coding":[{"code":"insurer"}]}]},
                          {"requestor":false,"who":{"identifier":{"value":"CITY-FUND"}}}],
                 "source":{"observer":{"display":"billing"}},
                 "entity":[{"what":{"identifier":{"system":"https://fhir.onecity.example/sid/insurance-card","value":"SC0000000001"}},"type":{"code":"1"}},
                           {"description":"read-Invoice of card SC0000000001","type":{"code":"2"}}]}""".formatted(id);
        for (int times = 0; times < 2; times++) {
            HttpResponse<String> relayed = city.send(city.request("/AuditEvent/" + id, CityTokens.system("onecity-billing"))
                    .header("Content-Type", "application/fhir+json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(entry)));
            assertThat(relayed.statusCode()).as(relayed.body()).isIn(200, 201);
        }

        List<AuditEvent> relayed = city.patient("zhang.wei").search().forResource(AuditEvent.class).count(500)
                .returnBundle(Bundle.class).execute().getEntry().stream().map(e -> (AuditEvent) e.getResource())
                .filter(e -> e.getEntity().stream().anyMatch(x -> "read-Invoice of card SC0000000001".equals(x.getDescription())))
                .toList();
        assertThat(relayed).hasSize(1);
        assertThat(relayed.get(0).getSource().getObserver().getDisplay()).isEqualTo("OneCity billing");
        assertThat(relayed.get(0).getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("insurer-city-fund");
    }

    @Test
    void onlyAServiceRelaysAndOnlyUnderItsOwnIds() {
        String entry = """
                {"resourceType":"AuditEvent","action":"R","recorded":"2026-12-01T08:00:00Z",
                 "agent":[{"requestor":true,"who":{"identifier":{"value":"x"}},"role":[{"coding":[{"code":"admin"}]}]}],
                 "entity":[{"description":"forged","type":{"code":"2"}}]}""";
        for (String[] attempt : new String[][] {{"onecity-billing", "imaging-1"}, {"hospital-h001", "billing-1"},
                {"onecity-imaging", "billing-2"}}) {
            HttpResponse<String> forged = city.send(city.request("/AuditEvent/" + attempt[1], CityTokens.system(attempt[0]))
                    .header("Content-Type", "application/fhir+json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(entry.replace("{\"resourceType\":\"AuditEvent\",",
                            "{\"resourceType\":\"AuditEvent\",\"id\":\"" + attempt[1] + "\","))));
            assertThat(forged.statusCode()).as(attempt[0] + " " + forged.body()).isEqualTo(403);
        }
        assertThat(jdbc.queryForObject("select count(*) from onecity.audit_event where what = 'forged'", Long.class)).isZero();
    }

    private long resources() {
        return jdbc.queryForObject("select count(*) from hfj_resource", Long.class);
    }

    private AuditEvent latestSeenByPatient(String patient, String agent) {
        Bundle log = city.patient(patient).search().forResource(AuditEvent.class).returnBundle(Bundle.class).execute();
        List<AuditEvent> byAgent = log.getEntry().stream().map(e -> (AuditEvent) e.getResource())
                .filter(e -> e.getAgentFirstRep().getWho().getIdentifier().getValue().equals(agent)).toList();
        assertThat(byAgent).as("entries by " + agent + " in " + patient + "'s log").isNotEmpty();
        return byAgent.get(0);
    }
}
