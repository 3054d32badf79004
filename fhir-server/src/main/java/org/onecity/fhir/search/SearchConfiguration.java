package org.onecity.fhir.search;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;

@Configuration
@ConditionalOnProperty(name = "onecity.fhir.storage.enabled", matchIfMissing = true)
class SearchConfiguration {

    @Bean
    RetiredSearchParameters retiredSearchParameters(DaoRegistry daos, ISearchParamRegistry registry) {
        return new RetiredSearchParameters(daos, registry);
    }

    /** Before the server takes requests, so no resource is indexed with parameters the city has retired. */
    @EventListener(ContextRefreshedEvent.class)
    void retireUnusedSearchParameters(ContextRefreshedEvent event) {
        event.getApplicationContext().getBean(RetiredSearchParameters.class).apply();
    }
}
