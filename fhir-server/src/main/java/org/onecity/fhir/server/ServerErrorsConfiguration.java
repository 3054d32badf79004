package org.onecity.fhir.server;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

@Configuration
class ServerErrorsConfiguration {

    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(
            @Value("${onecity.fhir.max-request-size:64MB}") DataSize limit) {
        FilterRegistrationBean<RequestSizeLimit> registration =
                new FilterRegistrationBean<>(new RequestSizeLimit(limit.toBytes()));
        registration.addUrlPatterns("/fhir/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<FhirMediaType> fhirMediaType() {
        FilterRegistrationBean<FhirMediaType> registration = new FilterRegistrationBean<>(new FhirMediaType());
        registration.addUrlPatterns("/fhir/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 20);
        return registration;
    }

    /** Wraps the security filters, so that their 401 and 403 carry an OperationOutcome. */
    @Bean
    FilterRegistrationBean<RefusalBodies> refusalBodies() {
        FilterRegistrationBean<RefusalBodies> registration = new FilterRegistrationBean<>(new RefusalBodies());
        registration.addUrlPatterns("/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    /** Request bodies and transaction entries in flight, within the heap's budget (docs/deploy.md). */
    @Bean
    Admission admission(@Value("${onecity.fhir.admission.bodies-in-flight:24MB}") DataSize bodies,
            @Value("${onecity.fhir.max-request-size:64MB}") DataSize maxBody,
            @Value("${onecity.fhir.admission.entries-in-flight:11000}") int entries,
            @Value("${onecity.fhir.admission.max-entries:11000}") int maxEntries,
            @Value("${onecity.fhir.admission.wait:20s}") Duration wait) {
        return new Admission(bodies.toBytes(), maxBody.toBytes(), entries, maxEntries, wait);
    }

    @Bean
    FilterRegistrationBean<Admission> admissionFilter(Admission admission) {
        FilterRegistrationBean<Admission> registration = new FilterRegistrationBean<>(admission);
        registration.addUrlPatterns("/fhir/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }

    @Bean
    ErrorDisclosure errorDisclosure() {
        return new ErrorDisclosure();
    }
}
