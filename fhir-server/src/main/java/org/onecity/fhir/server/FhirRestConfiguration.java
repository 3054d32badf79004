package org.onecity.fhir.server;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.binary.provider.BinaryAccessProvider;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IServerAddressStrategy;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;


/** The FHIR REST endpoint at /fhir: HAPI's RestfulServer with the JPA providers and OneCity's interceptors. */
@Configuration
class FhirRestConfiguration {

    @Bean
    RestfulServer restfulServer(IFhirSystemDao<?, ?> systemDao, ResourceProviderFactory resourceProviders,
            IJpaSystemProvider systemProvider, JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry, IValidationSupport validationSupport,
            DatabaseBackedPagingProvider pagingProvider, BinaryAccessProvider binaryAccessProvider,
            ObjectProvider<RestInterceptor> interceptors,
            @Value("${onecity.fhir.public-base-url:}") String publicBaseUrl) {
        RestfulServer server = new RestfulServer(systemDao.getContext());
        systemDao.getContext().setNarrativeGenerator(new NullNarrativeGenerator());
        server.registerProviders(resourceProviders.createProviders());
        server.registerProvider(systemProvider);
        server.registerProvider(binaryAccessProvider);
        JpaCapabilityStatementProvider capabilities = new JpaCapabilityStatementProvider(
                server, systemDao, storageSettings, searchParamRegistry, validationSupport);
        capabilities.setImplementationDescription("OneCity city health record");
        server.setServerConformanceProvider(capabilities);
        server.setPagingProvider(pagingProvider);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setServerAddressStrategy(addressStrategy(publicBaseUrl));
        server.registerInterceptor(new ResponseHighlighterInterceptor());
        interceptors.orderedStream().forEach(server::registerInterceptor);
        return server;
    }

    private static IServerAddressStrategy addressStrategy(String publicBaseUrl) {
        return publicBaseUrl == null || publicBaseUrl.isBlank()
                ? new IncomingRequestAddressStrategy()
                : new HardcodedServerAddressStrategy(publicBaseUrl);
    }

    @Bean
    ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer server) {
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
