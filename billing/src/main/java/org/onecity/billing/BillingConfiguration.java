package org.onecity.billing;

import org.onecity.billing.catalogue.CatalogueItem;
import org.onecity.billing.catalogue.ChargeCatalogue;
import org.onecity.billing.money.Money;
import org.onecity.billing.policy.DeductibleBasis;
import org.onecity.billing.policy.InsurancePolicy;
import org.onecity.billing.policy.PolicyBook;
import org.onecity.billing.policy.Scheme;
import org.onecity.billing.policy.VisitKind;
import org.onecity.billing.policy.VisitRules;
import org.onecity.billing.visit.ChargeRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The billing service's data as configuration: the insurance policies by scheme and year and the charge catalogue,
 * from {@code insurance-policies.yaml} and {@code charge-catalogue.yaml} unless the city names its own files
 * ({@code ONECITY_INSURANCE_POLICIES}, {@code ONECITY_CHARGE_CATALOGUE}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BillingConfiguration.BillingData.class)
public class BillingConfiguration {

    @ConfigurationProperties("onecity.billing")
    public record BillingData(String zone, List<PolicyData> policies, List<CatalogueItem> catalogue) {
    }

    public record PolicyData(String version, Scheme scheme, int year, BigDecimal classBFirstSelfPay,
                             BigDecimal annualFundCap, boolean personalAccountPaysSelfShare,
                             boolean personalAccountPaysClassBSelfPay, RulesData outpatient, RulesData inpatient) {
    }

    public record RulesData(DeductibleBasis deductibleBasis, Map<Integer, BigDecimal> deductible,
                            BigDecimal laterAdmissionDeductible, Map<Integer, BigDecimal> reimbursement) {

        VisitRules toRules() {
            Map<Integer, Money> amounts = new TreeMap<>();
            deductible.forEach((level, yuan) -> amounts.put(level, Money.yuan(yuan)));
            return new VisitRules(deductibleBasis, amounts, laterAdmissionDeductible, reimbursement);
        }
    }

    /** The city's clock, in its time zone: due dates and the insurance year are the city's calendar days. */
    @Bean
    Clock clock(BillingData data) {
        return Clock.system(ZoneId.of(data.zone() == null ? "Asia/Shanghai" : data.zone()));
    }

    @Bean
    PolicyBook policyBook(BillingData data) {
        return new PolicyBook(data.policies().stream().map(p -> new InsurancePolicy(p.version(), p.scheme(), p.year(),
                p.classBFirstSelfPay(), Money.yuan(p.annualFundCap()), p.personalAccountPaysSelfShare(),
                p.personalAccountPaysClassBSelfPay(),
                Map.of(VisitKind.OUTPATIENT, p.outpatient().toRules(), VisitKind.INPATIENT, p.inpatient().toRules())))
                .toList());
    }

    @Bean
    ChargeCatalogue chargeCatalogue(BillingData data) {
        return new ChargeCatalogue(data.catalogue());
    }

    @Bean
    ChargeRules chargeRules(ChargeCatalogue catalogue) {
        return new ChargeRules(catalogue);
    }
}
