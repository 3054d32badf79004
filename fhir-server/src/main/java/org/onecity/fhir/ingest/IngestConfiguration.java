package org.onecity.fhir.ingest;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.onecity.common.city.CityDirectory;
import org.onecity.common.security.CitySecurityProperties;
import org.onecity.fhir.quality.ConformanceChecker;
import org.onecity.fhir.quality.OneCityProfiles;
import org.onecity.fhir.quality.ParseProblems;
import org.onecity.fhir.quality.QualityGate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

/**
 * The hospital push door. Off only when the server is to behave as plain HAPI ({@code onecity.fhir.ingest.enabled=false},
 * which the ingest benchmark uses for its comparison); a real deployment never turns it off.
 */
@Configuration
@ConditionalOnProperty(name = "onecity.fhir.ingest.enabled", matchIfMissing = true)
class IngestConfiguration {

    @Bean
    ConformanceChecker conformanceChecker(FhirContext fhirContext) {
        return new ConformanceChecker(fhirContext, OneCityProfiles.load(fhirContext));
    }

    @Bean
    QualityGate qualityGate(FhirContext fhirContext, ConformanceChecker conformance, CityDirectory city) {
        // the parser reports to the gate what it cannot read, instead of quietly dropping it
        fhirContext.setParserErrorHandler(new ParseProblems());
        return new QualityGate(fhirContext, conformance, city);
    }

    @Bean
    IntakeLedger intakeLedger(JdbcTemplate jdbc) {
        return new IntakeLedger(jdbc, Clock.systemUTC());
    }

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry registry, IntakeLedger ledger) {
        return new IngestMetrics(registry, ledger);
    }

    @Bean
    IntakeReportOperation intakeReportOperation(IntakeLedger ledger) {
        return new IntakeReportOperation(ledger);
    }

    @Bean
    HospitalPushInterceptor hospitalPushInterceptor(CityDirectory city, QualityGate qualityGate,
            IngestMetrics metrics, CitySecurityProperties security, FhirContext fhirContext) {
        return new HospitalPushInterceptor(new SenderResolver(city, !security.enabled()), qualityGate, metrics, fhirContext);
    }

    @Bean
    SourceStamp sourceStamp() {
        return new SourceStamp();
    }

    @Bean
    ConcurrentPushRetry concurrentPushRetry() {
        return new ConcurrentPushRetry();
    }
}
