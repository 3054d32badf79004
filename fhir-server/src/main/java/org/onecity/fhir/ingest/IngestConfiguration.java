package org.onecity.fhir.ingest;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.onecity.common.city.CityDirectory;
import org.onecity.fhir.quality.ProfileValidator;
import org.onecity.fhir.quality.QualityGate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class IngestConfiguration {

    @Bean
    ProfileValidator profileValidator(FhirContext fhirContext) {
        return new ProfileValidator(fhirContext);
    }

    @Bean
    QualityGate qualityGate(FhirContext fhirContext, ProfileValidator profiles, CityDirectory city) {
        return new QualityGate(fhirContext, profiles, city);
    }

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry registry) {
        return new IngestMetrics(registry);
    }

    @Bean
    HospitalPushInterceptor hospitalPushInterceptor(CityDirectory city, QualityGate qualityGate, IngestMetrics metrics) {
        return new HospitalPushInterceptor(new SenderResolver(city), qualityGate, metrics);
    }

    @Bean
    SourceStamp sourceStamp() {
        return new SourceStamp();
    }
}
