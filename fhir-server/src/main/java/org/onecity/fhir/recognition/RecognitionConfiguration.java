package org.onecity.fhir.recognition;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.onecity.common.city.CityDirectory;
import org.onecity.fhir.citypatient.CityPatients;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Mutual recognition of results: the catalogue and the FHIR operation; the CDS Hooks service is a controller. */
@Configuration
@EnableConfigurationProperties(RecognitionCatalogue.class)
class RecognitionConfiguration {

    @Bean
    RecognitionOperation recognitionOperation(RecognitionCatalogue catalogue, DaoRegistry daos,
            CityPatients cityPatients, CityDirectory city, MeterRegistry meters) {
        return new RecognitionOperation(catalogue, new PriorResults(daos), cityPatients, city, meters,
                Clock.systemUTC());
    }
}
