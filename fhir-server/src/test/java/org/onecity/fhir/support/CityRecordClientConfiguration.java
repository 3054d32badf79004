package org.onecity.fhir.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/** A client of the running city record for the tests to autowire; made on first use, once the server has its port. */
@TestConfiguration(proxyBeanMethods = false)
class CityRecordClientConfiguration {

    @Bean
    @Lazy
    CityRecordClient cityRecordClient(Environment environment) {
        return new CityRecordClient(environment.getRequiredProperty("local.server.port", Integer.class));
    }
}
