package org.onecity.billing.policy;

import org.onecity.billing.money.Money;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * The rules of one scheme and year for one kind of visit.
 *
 * @param deductibleBasis          whether the deductible is per stay or per year
 * @param deductible               the deductible by hospital level (1, 2, 3)
 * @param laterAdmissionDeductible the share of the deductible charged for the second and later stays of a year
 *                                 (1 where the policy does not reduce it)
 * @param reimbursement            the fund's share above the deductible, by hospital level
 */
public record VisitRules(DeductibleBasis deductibleBasis, Map<Integer, Money> deductible,
                         BigDecimal laterAdmissionDeductible, Map<Integer, BigDecimal> reimbursement) {

    public VisitRules {
        Objects.requireNonNull(deductibleBasis, "deductible basis");
        deductible = Map.copyOf(deductible);
        reimbursement = Map.copyOf(reimbursement);
        laterAdmissionDeductible = laterAdmissionDeductible == null ? BigDecimal.ONE : laterAdmissionDeductible;
        Rates.requireShare(laterAdmissionDeductible, "later admission deductible");
        reimbursement.values().forEach(rate -> Rates.requireShare(rate, "reimbursement"));
    }

    Money deductibleAt(int hospitalLevel) {
        Money amount = deductible.get(hospitalLevel);
        if (amount == null) {
            throw new IllegalStateException("The policy has no deductible for hospital level " + hospitalLevel);
        }
        return amount;
    }

    BigDecimal reimbursementAt(int hospitalLevel) {
        BigDecimal rate = reimbursement.get(hospitalLevel);
        if (rate == null) {
            throw new IllegalStateException("The policy has no reimbursement ratio for hospital level " + hospitalLevel);
        }
        return rate;
    }
}
