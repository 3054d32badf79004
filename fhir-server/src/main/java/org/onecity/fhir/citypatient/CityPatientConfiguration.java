package org.onecity.fhir.citypatient;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorBroadcaster;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.mdm.config.MdmConsumerConfig;
import ca.uhn.fhir.jpa.mdm.config.MdmSubmitterConfig;
import ca.uhn.fhir.jpa.searchparam.config.NicknameServiceConfig;
import ca.uhn.fhir.jpa.subscription.match.config.SubscriptionProcessorConfig;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import ca.uhn.fhir.jpa.subscription.submit.interceptor.SubscriptionMatcherInterceptor;
import ca.uhn.fhir.mdm.api.IMdmControllerSvc;
import ca.uhn.fhir.mdm.api.IMdmLinkExpandSvc;
import ca.uhn.fhir.mdm.api.IMdmSettings;
import ca.uhn.fhir.mdm.api.IMdmSubmitSvc;
import ca.uhn.fhir.mdm.provider.MdmControllerHelper;
import ca.uhn.fhir.mdm.provider.MdmLinkHistoryProviderDstu3Plus;
import ca.uhn.fhir.mdm.provider.MdmProviderDstu3Plus;
import ca.uhn.fhir.mdm.provider.PatientMatchProvider;
import ca.uhn.fhir.mdm.rules.config.MdmRuleValidator;
import ca.uhn.fhir.mdm.rules.config.MdmSettings;
import org.onecity.fhir.server.OperationProviders;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * One city patient across the hospitals' Patient records, kept by HAPI's MDM module: the matching rules are data
 * ({@code city-patient-rules.json}); a citizen ID or social insurance card number links a hospital's Patient to its
 * city patient (a golden record), weaker evidence only proposes a link for the bureau to review. Matching runs on
 * HAPI's message subscription pipeline, after the push that brought the Patient has committed.
 */
@Configuration
class CityPatientConfiguration {

    static final String RULES = "city-patient-rules.json";
    /** The subscription HAPI's MDM creates for Patients. */
    static final String MATCHING_SUBSCRIPTION = "mdm-Patient";

    /** Links are read wherever they exist; with matching off (HAPI's defaults, for comparison) there are none. */
    @Bean
    CityPatients cityPatients(IMdmLinkExpandSvc links) {
        return new CityPatients(links);
    }

    @Configuration
    @ConditionalOnProperty(name = "onecity.fhir.city-patient.enabled", matchIfMissing = true)
    @Import({SubscriptionSubmitterConfig.class, SubscriptionProcessorConfig.class, MdmSubmitterConfig.class,
            MdmConsumerConfig.class, NicknameServiceConfig.class})
    static class Matching {

        @Bean
        IMdmSettings mdmSettings(MdmRuleValidator validator, JpaStorageSettings storageSettings) throws IOException {
            // Patient/{id}/$everything?_mdm=true and subject:mdm= follow the links; off in HAPI unless asked for
            storageSettings.setAllowMdmExpansion(true);
            String rules = new ClassPathResource(RULES).getContentAsString(StandardCharsets.UTF_8);
            return new MdmSettings(validator).setEnabled(true).setScriptText(rules);
        }

        /** Takes the place of HAPI's matcher interceptor (hence primary): only what matching needs enters the pipeline. */
        @Primary
        @Bean
        SubscriptionMatcherInterceptor patientChangesForMatching() {
            return new PatientChangesForMatching();
        }

        /**
         * HAPI's loader adds these to the provider factory after the REST server has taken its providers (hapi-fhir
         * starter issue #904), so they are handed to the server directly.
         */
        @Bean
        OperationProviders cityPatientOperations(FhirContext fhirContext, IMdmControllerSvc controller,
                MdmControllerHelper helper, IMdmSubmitSvc submit, IInterceptorBroadcaster broadcaster,
                IMdmSettings settings) {
            return () -> List.of(new PatientMatchProvider(helper),
                    new MdmProviderDstu3Plus(fhirContext, controller, helper, submit, broadcaster, settings),
                    new MdmLinkHistoryProviderDstu3Plus(fhirContext, controller, broadcaster));
        }

        /**
         * Not ready until matching listens: a Patient pushed before HAPI has registered MDM's subscription would
         * never be matched, and the hub pushes its demo data as soon as the server reports healthy.
         */
        @Bean
        HealthIndicator cityPatientMatching(SubscriptionRegistry subscriptions) {
            return () -> subscriptions.get(MATCHING_SUBSCRIPTION) != null ? Health.up().build()
                    : Health.down().withDetail("reason", "matching of city patients has not started yet").build();
        }

        @Bean
        MatchingDue matchingDue(JdbcTemplate jdbc, CityPatients cityPatients, IMdmSubmitSvc submit,
                IInterceptorService interceptors,
                @Value("${onecity.fhir.city-patient.resubmit-after:30s}") Duration grace) {
            MatchingDue due = new MatchingDue(jdbc, cityPatients, submit, grace, Clock.systemUTC());
            interceptors.registerInterceptor(due);
            return due;
        }

        @Bean
        CityPatientSearches cityPatientSearches(CityPatients cityPatients, IInterceptorService interceptors) {
            CityPatientSearches searches = new CityPatientSearches(cityPatients);
            interceptors.registerInterceptor(searches);
            return searches;
        }
    }
}
