package org.onecity.billing.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** The financial resources as a FHIR R4 server at {@code /billing/fhir}, behind the service's token check. */
@Configuration(proxyBeanMethods = false)
class FhirFinancialServer {

    @Bean
    ServletRegistrationBean<RestfulServer> fhirFinancialServlet(List<IResourceProvider> providers) {
        RestfulServer server = new RestfulServer(FhirContext.forR4Cached());
        server.setResourceProviders(List.copyOf(providers));
        server.registerInterceptor(new RefusalsAsFhirErrors());
        server.setDefaultResponseEncoding(ca.uhn.fhir.rest.api.EncodingEnum.JSON);
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/billing/fhir/*");
        registration.setName("fhir-financial");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
