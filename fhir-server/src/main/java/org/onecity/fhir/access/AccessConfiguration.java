package org.onecity.fhir.access;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.extractor.ISearchParamExtractor;
import org.onecity.fhir.audit.AccessLog;
import org.onecity.fhir.audit.AuditEventProvider;
import org.onecity.fhir.audit.AuditTrail;
import org.onecity.fhir.citypatient.CityPatients;
import org.onecity.common.security.CitySecurityProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;

/** Who may see what in the city record, and the access log of every read and write of patient data. */
@Configuration
@ConditionalOnProperty(name = "onecity.security.enabled", matchIfMissing = true)
class AccessConfiguration {

    @Bean
    Persons persons(DaoRegistry daos, FhirContext fhirContext, ISearchParamExtractor searchParams,
            CityPatients cityPatients) {
        return new Persons(daos, fhirContext, searchParams, cityPatients);
    }

    @Bean
    AccessGate accessGate(FhirContext fhirContext, DaoRegistry daos, PersonFacts facts, Persons persons) {
        SearchCriteria searchCriteria = new SearchCriteria(fhirContext);
        return new AccessGate(searchCriteria, new ConditionalScope(fhirContext, searchCriteria),
                new SearchScope(fhirContext, facts, persons), daos);
    }

    @Bean
    WriteGuard writeGuard(DaoRegistry daos, Persons persons, FhirContext fhirContext,
            IInterceptorService storageInterceptors) {
        WriteGuard guard = new WriteGuard(daos, persons, fhirContext);
        storageInterceptors.registerInterceptor(guard);
        return guard;
    }

    @Bean
    PersonFacts personFacts(Persons persons, DaoRegistry daos, IInterceptorService storageInterceptors,
            JdbcTemplate jdbc, @Value("${onecity.fhir.access.facts-lifetime:10m}") Duration lifetime) {
        PersonFacts facts = new PersonFacts(persons, new CareRelationships(daos), new SharingConsents(daos),
                new FactChanges(jdbc), lifetime);
        storageInterceptors.registerInterceptor(facts);
        return facts;
    }

    /** Every node hears of the persons' facts the others' writes changed (LISTEN/NOTIFY on the city's PostgreSQL). */
    @Bean
    FactChangeListener factChangeListener(PersonFacts facts, @Value("${spring.datasource.url}") String url,
            @Value("${spring.datasource.username:}") String user, @Value("${spring.datasource.password:}") String password) {
        return new FactChangeListener(facts, url, user, password);
    }

    @Bean
    CityConsentInterceptor consentInterceptor(PersonFacts facts) {
        return new CityConsentInterceptor(new CityConsentService(facts));
    }

    @Bean
    OwnRecordsNarrowing ownRecordsNarrowing(Persons persons) {
        return new OwnRecordsNarrowing(persons);
    }

    @Bean
    IssuerMetadata issuerMetadata(CitySecurityProperties security) {
        return new IssuerMetadata(security.issuerUri());
    }

    @Bean
    SmartCapabilities smartCapabilities(IssuerMetadata issuer) {
        return new SmartCapabilities(issuer);
    }

    /** An exact mapping, so it wins over the FHIR servlet's {@code /fhir/*}. */
    @Bean
    ServletRegistrationBean<SmartConfigurationServlet> smartConfiguration(IssuerMetadata issuer) {
        return new ServletRegistrationBean<>(new SmartConfigurationServlet(issuer), "/fhir/.well-known/smart-configuration");
    }

    @Bean
    AuditTrail auditTrail(JdbcTemplate jdbc) {
        return new AuditTrail(jdbc);
    }

    @Bean
    AccessLog accessLog(AuditTrail trail, PersonFacts facts) {
        return new AccessLog(trail, facts, Clock.systemUTC());
    }

    @Bean
    AuditEventProvider auditEventProvider(AuditTrail trail, Persons persons) {
        return new AuditEventProvider(trail, persons);
    }
}
