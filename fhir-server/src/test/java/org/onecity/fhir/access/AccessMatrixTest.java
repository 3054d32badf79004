package org.onecity.fhir.access;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.onecity.common.test.CityTokens;
import org.onecity.fhir.support.CityFixture;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Role x resource x action x relationship x consent: every allowed cell works, every forbidden cell is refused
 * with none of the protected data in the response, whichever way the data is reached (read, search, _include and
 * _revinclude, $everything, history, pages).
 */
@CityRecordTest
class AccessMatrixTest {

    @Autowired
    CityRecordClient city;
    CityFixture fixture;

    @BeforeEach
    void data() {
        fixture = CityFixture.of(city);
    }

    /** What a cell expects of the response. */
    enum Expect {
        /** 200 and the protected record in the body */
        SHOWN,
        /** refused (401/403/404) or answered without the protected record */
        WITHHELD,
        /** refused outright with 403 */
        FORBIDDEN
    }

    record Cell(Supplier<String> token, Function<CityFixture, String> path, Function<CityFixture, String> protectedId,
                Expect expect, String breakGlass) {
    }

    static Stream<Arguments> cells() {
        Supplier<String> h001 = () -> CityTokens.hospital("H001");
        Supplier<String> drChen = () -> CityTokens.doctor("dr.chen");   // H002: caring for Zhang Wei and Li Na
        Supplier<String> drZhao = () -> CityTokens.doctor("dr.zhao");   // H003: caring for nobody
        Supplier<String> zhangWei = () -> CityTokens.patient("zhang.wei");
        Supplier<String> insurer = CityTokens::insurer;
        String glass = "Unconscious patient in the emergency room, allergies unknown";
        return Stream.of(
                // hospital systems: their own hospital's records only
                cell("a hospital system reads a record its hospital sent", h001,
                        f -> "/Observation/" + f.zhangWei.h001Observation(), f -> f.zhangWei.h001Observation(), Expect.SHOWN),
                cell("a hospital system reads another hospital's record", h001,
                        f -> "/Observation/" + f.zhangWei.h002Observation(), f -> f.zhangWei.h002Observation(), Expect.WITHHELD),
                cell("a hospital system searches another hospital's patient", h001,
                        f -> "/Observation?subject=Patient/" + f.zhangWei.h002Patient(), f -> f.zhangWei.h002Observation(), Expect.WITHHELD),
                cell("a hospital system reads the access log", h001, f -> "/AuditEvent", f -> "", Expect.FORBIDDEN),
                // a doctor caring for the person: every hospital's records
                cell("a doctor in care reads another hospital's record", drChen,
                        f -> "/Observation/" + f.zhangWei.h001Observation(), f -> f.zhangWei.h001Observation(), Expect.SHOWN),
                cell("a doctor in care searches another hospital's results", drChen,
                        f -> "/Observation?subject=Patient/" + f.zhangWei.h001Patient(), f -> f.zhangWei.h001Observation(), Expect.SHOWN),
                cell("a doctor in care asks for $everything", drChen,
                        f -> "/Patient/" + f.zhangWei.h001Patient() + "/$everything", f -> f.zhangWei.h001Observation(), Expect.SHOWN),
                cell("a doctor in care reaches results by _revinclude", drChen,
                        f -> "/Patient?_id=" + f.zhangWei.h001Patient() + "&_revinclude=Observation:subject",
                        f -> f.zhangWei.h001Observation(), Expect.SHOWN),
                cell("a doctor in care reads a record's history", drChen,
                        f -> "/Observation/" + f.zhangWei.h001Observation() + "/_history", f -> f.zhangWei.h001Observation(), Expect.SHOWN),
                // a doctor in no care relationship: nothing, whichever way
                cell("a doctor not in care reads a record", drZhao,
                        f -> "/Observation/" + f.zhangWei.h001Observation(), f -> f.zhangWei.h001Observation(), Expect.WITHHELD),
                cell("a doctor not in care searches", drZhao,
                        f -> "/Observation?subject=Patient/" + f.zhangWei.h001Patient(), f -> f.zhangWei.h001Observation(), Expect.WITHHELD),
                cell("a doctor not in care asks for $everything", drZhao,
                        f -> "/Patient/" + f.zhangWei.h001Patient() + "/$everything", f -> f.zhangWei.h001Observation(), Expect.WITHHELD),
                cell("a doctor not in care tries _revinclude", drZhao,
                        f -> "/Patient?_id=" + f.zhangWei.h001Patient() + "&_revinclude=Observation:subject",
                        f -> f.zhangWei.h001Observation(), Expect.WITHHELD),
                cell("a doctor not in care tries _include from a report", drZhao,
                        f -> "/DiagnosticReport?subject=Patient/" + f.zhangWei.h001Patient() + "&_include=DiagnosticReport:result",
                        f -> f.zhangWei.h001Observation(), Expect.WITHHELD),
                cell("a doctor not in care reads history", drZhao,
                        f -> "/Observation/" + f.zhangWei.h001Observation() + "/_history", f -> f.zhangWei.h001Observation(), Expect.WITHHELD),
                cell("a doctor not in care pages through a search", drZhao,
                        f -> "/Observation?subject=Patient/" + f.zhangWei.h001Patient() + "&_count=1", f -> f.zhangWei.h001Observation(), Expect.WITHHELD),
                cell("a doctor not in care asks only for the count", drZhao,
                        f -> "/Observation?subject=Patient/" + f.zhangWei.h001Patient() + "&_summary=count", f -> "\"total\"", Expect.WITHHELD),
                cell("a doctor searches without naming a patient", drZhao,
                        f -> "/Observation?code=http://loinc.org%7C718-7", f -> "", Expect.FORBIDDEN),
                cell("a doctor reads the access log", drChen, f -> "/AuditEvent", f -> "", Expect.FORBIDDEN),
                breakGlass("a doctor not in care reads by break-glass", drZhao,
                        f -> "/Observation/" + f.zhangWei.h001Observation(), f -> f.zhangWei.h001Observation(), glass),
                // consent: Li Na opted out of sharing across hospitals
                cell("with the person's opt-out, a doctor in care reads their own hospital's record", drChen,
                        f -> "/Observation/" + f.liNa.h002Observation(), f -> f.liNa.h002Observation(), Expect.SHOWN),
                cell("with the person's opt-out, a doctor in care reads another hospital's record", drChen,
                        f -> "/Observation/" + f.liNa.h001Observation(), f -> f.liNa.h001Observation(), Expect.WITHHELD),
                cell("with the person's opt-out, another hospital's results stay out of a search", drChen,
                        f -> "/Observation?subject=Patient/" + f.liNa.h001Patient(), f -> f.liNa.h001Observation(), Expect.WITHHELD),
                cell("with the person's opt-out, another hospital's results stay out of $everything", drChen,
                        f -> "/Patient/" + f.liNa.h001Patient() + "/$everything", f -> f.liNa.h001Observation(), Expect.WITHHELD),
                cell("with the person's opt-out, another hospital's results stay out of _revinclude", drChen,
                        f -> "/Patient?_id=" + f.liNa.h001Patient() + "&_revinclude=Observation:subject",
                        f -> f.liNa.h001Observation(), Expect.WITHHELD),
                cell("with the person's opt-out, another hospital's history stays hidden", drChen,
                        f -> "/Observation/" + f.liNa.h001Observation() + "/_history", f -> f.liNa.h001Observation(), Expect.WITHHELD),
                breakGlass("with the person's opt-out, break-glass still reaches the record", drChen,
                        f -> "/Observation/" + f.liNa.h001Observation(), f -> f.liNa.h001Observation(), glass),
                // patients: their own records from every hospital, nobody else's
                cell("a patient searches their results from one hospital", zhangWei,
                        f -> "/Observation", f -> f.zhangWei.h001Observation(), Expect.SHOWN),
                cell("a patient searches their results from another hospital", zhangWei,
                        f -> "/Observation", f -> f.zhangWei.h002Observation(), Expect.SHOWN),
                cell("a patient's search never reaches another person", zhangWei,
                        f -> "/Observation", f -> f.liNa.h001Observation(), Expect.WITHHELD),
                cell("a patient reads another person's record", zhangWei,
                        f -> "/Observation/" + f.liNa.h001Observation(), f -> f.liNa.h001Observation(), Expect.WITHHELD),
                cell("a patient asks for another person's $everything", zhangWei,
                        f -> "/Patient/" + f.liNa.h001Patient() + "/$everything", f -> f.liNa.h001Observation(), Expect.WITHHELD),
                cell("a patient searches another person's records by subject", zhangWei,
                        f -> "/Observation?subject=Patient/" + f.liNa.h002Patient(), f -> f.liNa.h002Observation(), Expect.WITHHELD),
                // insurers: financial records of members only
                cell("an insurer reads a clinical record", insurer,
                        f -> "/Observation/" + f.zhangWei.h001Observation(), f -> f.zhangWei.h001Observation(), Expect.FORBIDDEN),
                cell("an insurer reads a patient", insurer,
                        f -> "/Patient/" + f.zhangWei.h001Patient(), f -> f.zhangWei.h001Patient(), Expect.FORBIDDEN),
                cell("an insurer reads a member's coverage", insurer,
                        f -> "/Coverage/" + f.zhangWeiCoverage, f -> f.zhangWeiCoverage, Expect.SHOWN),
                cell("an insurer searches coverage", insurer,
                        f -> "/Coverage", f -> f.zhangWeiCoverage, Expect.SHOWN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void eachCellOfTheMatrixHolds(String name, Cell cell) {
        HttpRequest.Builder request = city.request(cell.path().apply(fixture), cell.token().get())
                .header("Accept", "application/fhir+json");
        if (cell.breakGlass() != null) {
            request.header(AccessGate.BREAK_GLASS_HEADER, cell.breakGlass());
        }
        HttpResponse<String> response = city.send(request.GET());
        String protectedId = cell.protectedId().apply(fixture);
        switch (cell.expect()) {
            case SHOWN -> {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(idsIn(response.body())).as("the record is in the answer").contains(protectedId);
            }
            case FORBIDDEN -> {
                assertThat(response.statusCode()).isEqualTo(403);
                assertNothingOf(response, protectedId);
            }
            case WITHHELD -> {
                assertThat(response.statusCode()).isIn(200, 400, 403, 404, 410);
                assertNothingOf(response, protectedId);
            }
        }
    }

    private static void assertNothingOf(HttpResponse<String> response, String protectedId) {
        if (!protectedId.isEmpty()) {
            assertThat(idsIn(response.body())).as("no trace of the protected record").doesNotContain(protectedId);
        }
        if (response.statusCode() == 200 && response.body().contains("\"resourceType\": \"Bundle\"")
                || response.body().contains("\"resourceType\":\"Bundle\"")) {
            assertThat(response.body()).as("no count that would betray the record").doesNotContainPattern("\"total\"\\s*:\\s*[1-9]");
        }
    }

    /** The ids of every resource in a response, a Bundle or a single resource, or the raw text of anything else. */
    private static List<String> idsIn(String body) {
        try {
            Resource resource = (Resource) CityRecordClient.fhir().newJsonParser().parseResource(body);
            if (resource instanceof Bundle bundle) {
                return bundle.getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource)
                        .map(e -> e.getResource().getIdElement().getIdPart()).toList();
            }
            return List.of(resource.getIdElement().getIdPart() == null ? "" : resource.getIdElement().getIdPart());
        } catch (RuntimeException notFhir) {
            return List.of(body);
        }
    }

    private static Arguments cell(String name, Supplier<String> token, Function<CityFixture, String> path,
            Function<CityFixture, String> protectedId, Expect expect) {
        return Arguments.of(name, new Cell(token, path, protectedId, expect, null));
    }

    private static Arguments breakGlass(String name, Supplier<String> token, Function<CityFixture, String> path,
            Function<CityFixture, String> protectedId, String reason) {
        return Arguments.of(name, new Cell(token, path, protectedId, Expect.SHOWN, reason));
    }
}
