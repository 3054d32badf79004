package org.onecity.fhir.server;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hl7.fhir.dstu2.model.Subscription;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.orm.jpa.JpaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.annotation.EnableTransactionManagement;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;

/**
 * The HAPI FHIR JPA server (R4) on the service's PostgreSQL. HAPI brings its own entity manager factory;
 * the schema is HAPI's migrated schema, so Hibernate never touches the DDL.
 */
@Configuration
@EnableTransactionManagement
@Import({JpaR4Config.class, HapiJpaConfig.class, JpaBatch2Config.class, Batch2JobsConfig.class,
        ThreadPoolFactoryConfig.class, SubscriptionChannelConfig.class})
class HapiJpaConfiguration {

    @Bean
    SchemaMigration schemaMigration(DataSource dataSource, StorageTuning tuning) {
        SchemaMigration migration = new SchemaMigration(dataSource);
        if (tuning.enabled()) {
            PlannerStatistics.apply(dataSource);
        }
        return migration;
    }

    @Bean
    JpaStorageSettings jpaStorageSettings(StorageTuning tuning) {
        JpaStorageSettings settings = new JpaStorageSettings();
        // a city record keeps everything it was told: deletes are allowed, expunge only for administrators
        settings.setExpungeEnabled(true);
        settings.setAllowMultipleDelete(false);
        tuning.applyTo(settings);
        return settings;
    }

    @Bean
    PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    /**
     * The city's only subscriptions are HAPI MDM's, which deliver on message channels: a changed Patient is queued in
     * the database and handed to matching at this interval (HAPI's default is five seconds).
     */
    @Bean
    SubscriptionSettings subscriptionSettings(
            @Value("${onecity.fhir.city-patient.matching-interval:1s}") Duration matchingInterval) {
        SubscriptionSettings settings = new SubscriptionSettings();
        settings.addSupportedSubscriptionType(Subscription.SubscriptionChannelType.MESSAGE);
        settings.setSubscriptionIntervalInMs(matchingInterval.toMillis());
        return settings;
    }

    @Bean
    IEmailSender emailSender() {
        return details -> {
            throw new UnsupportedOperationException("The city record sends no e-mail");
        };
    }

    @Primary
    @Bean
    LocalContainerEntityManagerFactoryBean entityManagerFactory(SchemaMigration schemaMigration,
            JpaProperties jpaProperties, DataSource dataSource, ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext, JpaStorageSettings storageSettings, StorageTuning tuning) {
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        Map<String, String> properties = jpaProperties.getProperties();
        properties.put(AvailableSettings.HBM2DDL_AUTO, "none");
        properties.putIfAbsent(AvailableSettings.DIALECT, "ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect");
        properties.putIfAbsent(AvailableSettings.SCANNER, "org.hibernate.boot.archive.scan.internal.DisabledScanner");
        properties.putIfAbsent(AvailableSettings.USE_SECOND_LEVEL_CACHE, "false");
        properties.putIfAbsent(AvailableSettings.USE_QUERY_CACHE, "false");
        properties.putIfAbsent("hibernate.search.enabled", "false");
        tuning.applyTo(properties);
        factory.setPersistenceUnitName("HAPI_PU");
        factory.setJpaPropertyMap(properties);
        factory.setDataSource(dataSource);
        return factory;
    }

    @Primary
    @Bean
    JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }
}
