package org.onecity.fhir.search;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.onecity.common.test.CityTokens;
import org.onecity.fhir.support.CityRecordClient;
import org.onecity.fhir.support.CityRecordTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.onecity.fhir.support.HospitalFeed;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** A search by a parameter the city does not index is refused plainly, never answered as if it matched everything. */
@CityRecordTest
class SearchParametersTheCityUsesTest {

    @Autowired
    CityRecordClient city;


    @Test
    void aSearchByARetiredParameterIsA400NamingIt() {
        HttpResponse<String> response = get("/Observation?combo-code=http://loinc.org%7C718-7");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("OperationOutcome").contains("combo-code");
    }

    @Test
    void aSearchByAKeptParameterFindsTheRecords() {
        Bundle pushed = city.hospital("H001").transaction()
                .withBundle(new HospitalFeed("H001").history(7101, HospitalFeed.Shape.SMALL)).execute();
        String patient = pushed.getEntry().stream().map(e -> e.getResponse().getLocation())
                .filter(location -> location.startsWith("Patient/")).findFirst().orElseThrow().replaceAll("/_history/.*", "");

        Bundle found = city.admin().search().byUrl("Observation?subject=" + patient + "&code=http://loinc.org%7C718-7")
                .returnBundle(Bundle.class).execute();

        assertThat(found.getEntry()).isNotEmpty().allSatisfy(entry ->
                assertThat(((Observation) entry.getResource()).getCode().getCodingFirstRep().getCode()).isEqualTo("718-7"));
    }

    private HttpResponse<String> get(String path) {
        return city.send(city.request(path, CityTokens.admin()).header("Accept", "application/fhir+json").GET());
    }
}
