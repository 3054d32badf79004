package org.onecity.fhir.server;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration
class ServerErrorsConfiguration {

    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(
            @Value("${onecity.fhir.max-request-size:64MB}") DataSize limit) {
        FilterRegistrationBean<RequestSizeLimit> registration =
                new FilterRegistrationBean<>(new RequestSizeLimit(limit.toBytes()));
        registration.addUrlPatterns("/fhir/*");
        return registration;
    }

    @Bean
    ErrorDisclosure errorDisclosure() {
        return new ErrorDisclosure();
    }
}
