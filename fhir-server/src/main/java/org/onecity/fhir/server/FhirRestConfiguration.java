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
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;


/** The FHIR REST endpoint at /fhir: HAPI's RestfulServer with the JPA providers and OneCity's interceptors. */
@Configuration
class FhirRestConfiguration {

    @Bean
    RestfulServer restfulServer(IFhirSystemDao<?, ?> systemDao, ResourceProviderFactory resourceProviders,
            IJpaSystemProvider systemProvider, JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry, IValidationSupport validationSupport,
            DatabaseBackedPagingProvider pagingProvider, BinaryAccessProvider binaryAccessProvider,
            ObjectProvider<RestInterceptor> interceptors, ObjectProvider<CityResourceProvider> cityProviders,
            ObjectProvider<OperationProviders> operations,
            @Value("${onecity.fhir.public-base-url:}") String publicBaseUrl,
            @Value("${onecity.fhir.paging.default-page-size:50}") int defaultPageSize,
            @Value("${onecity.fhir.paging.maximum-page-size:500}") int maximumPageSize) {
        RestfulServer server = new RestfulServer(systemDao.getContext());
        systemDao.getContext().setNarrativeGenerator(new NullNarrativeGenerator());
        List<CityResourceProvider> own = cityProviders.orderedStream().toList();
        Set<Class<?>> replaced = own.stream().map(CityResourceProvider::getResourceType).collect(Collectors.toSet());
        server.registerProviders(resourceProviders.createProviders().stream()
                .filter(p -> !(p instanceof IResourceProvider r && replaced.contains(r.getResourceType())))
                .toList());
        server.registerProviders(List.copyOf(own));
        server.registerProvider(systemProvider);
        operations.orderedStream().forEach(o -> server.registerProviders(o.providers()));
        server.registerProvider(binaryAccessProvider);
        JpaCapabilityStatementProvider capabilities = new JpaCapabilityStatementProvider(
                server, systemDao, storageSettings, searchParamRegistry, validationSupport);
        capabilities.setImplementationDescription("OneCity city health record");
        server.setServerConformanceProvider(capabilities);
        // HAPI pages by 10, at most 50: a doctor's $everything of two thousand results would take forty round trips
        pagingProvider.setDefaultPageSize(defaultPageSize);
        pagingProvider.setMaximumPageSize(maximumPageSize);
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
