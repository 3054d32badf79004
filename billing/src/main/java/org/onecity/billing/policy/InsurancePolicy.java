package org.onecity.billing.policy;

import org.onecity.billing.money.Money;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * One scheme's insurance rules for one year, as the insurer publishes them: data, read from the policy book.
 *
 * @param version                      the policy's name as published, e.g. {@code EMPLOYEE-2026}; bills record it
 * @param classBFirstSelfPay           the share of a class B item the patient pays first (乙类先行自付)
 * @param annualFundCap                the most the fund pays for one card in a year (封顶线)
 * @param personalAccountPaysSelfShare whether the card's personal account pays the patient's share within scope
 *                                     (deductible, co-payment, what the cap cuts off)
 * @param personalAccountPaysClassBSelfPay whether it also pays the class B first self-pay, which lies outside the
 *                                     scope; cities differ, and the policy says which
 */
public record InsurancePolicy(String version, Scheme scheme, int year, BigDecimal classBFirstSelfPay,
                              Money annualFundCap, boolean personalAccountPaysSelfShare,
                              boolean personalAccountPaysClassBSelfPay, Map<VisitKind, VisitRules> visits) {

    public InsurancePolicy {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(annualFundCap, "annual fund cap");
        Rates.requireShare(classBFirstSelfPay, "class B first self-pay share");
        visits = Map.copyOf(visits);
        for (VisitKind kind : VisitKind.values()) {
            if (!visits.containsKey(kind)) {
                throw new IllegalArgumentException(version + " has no rules for " + kind + " visits");
            }
        }
    }

    public VisitRules rulesFor(VisitKind kind) {
        return visits.get(kind);
    }
}
