package org.onecity.billing.policy;

import org.onecity.billing.money.Money;

import java.util.List;

/**
 * Splits a visit's charges by the scheme's policy: outside-catalogue items are the patient's; class B items carry a
 * first self-pay share; what remains within scope pays the deductible first, then the fund pays its ratio for the
 * hospital's level up to the annual cap; the personal account pays the patient's share within scope where the scheme
 * allows (and the class B first self-pay too, where the policy says so); the patient pays the rest.
 * <p>
 * Shares are taken of the visit's totals per category, not of each line, so a bill is rounded once per step and a
 * reversal cancels its charge exactly.
 */
public final class InsuranceSplit {

    private InsuranceSplit() {
    }

    public static Split of(List<BillableLine> lines, InsurancePolicy policy, VisitKind kind, int hospitalLevel,
                           CardYear year, Money personalBalance) {
        Money classA = total(lines, InsuranceCategory.CLASS_A);
        Money classB = total(lines, InsuranceCategory.CLASS_B);
        Money outside = total(lines, InsuranceCategory.OUTSIDE);
        if (classA.isNegative() || classB.isNegative() || outside.isNegative()) {
            throw new IllegalArgumentException("Reversals exceed the charges they reverse");
        }
        Money classBSelfPay = classB.share(policy.classBFirstSelfPay());
        Money withinScope = classA.plus(classB).minus(classBSelfPay);

        VisitRules rules = policy.rulesFor(kind);
        Money deductible = withinScope.min(deductibleDue(rules, kind, hospitalLevel, year));
        Money aboveDeductible = withinScope.minus(deductible);
        Money fundByRatio = aboveDeductible.share(rules.reimbursementAt(hospitalLevel));
        Money fund = fundByRatio.min(policy.annualFundCap().less(year.fundUsed()));
        Money coinsurance = aboveDeductible.minus(fundByRatio);
        Money overCap = fundByRatio.minus(fund);

        Money selfShareWithinScope = deductible.plus(coinsurance).plus(overCap);
        Money payableFromAccount = policy.personalAccountPaysClassBSelfPay()
                ? selfShareWithinScope.plus(classBSelfPay) : selfShareWithinScope;
        Money personalAccount = policy.personalAccountPaysSelfShare()
                ? payableFromAccount.min(personalBalance.max(Money.ZERO)) : Money.ZERO;
        Money total = classA.plus(classB).plus(outside);
        Money patient = total.minus(fund).minus(personalAccount);
        return new Split(policy.version(), total, outside, classBSelfPay, withinScope, deductible, coinsurance, overCap,
                fund, personalAccount, patient);
    }

    private static Money deductibleDue(VisitRules rules, VisitKind kind, int hospitalLevel, CardYear year) {
        Money full = rules.deductibleAt(hospitalLevel);
        return switch (rules.deductibleBasis()) {
            case PER_YEAR -> full.less(year.deductibleMet());
            case PER_ADMISSION -> kind == VisitKind.INPATIENT && year.admissions() > 0
                    ? full.share(rules.laterAdmissionDeductible())
                    : full;
        };
    }

    private static Money total(List<BillableLine> lines, InsuranceCategory category) {
        Money sum = Money.ZERO;
        for (BillableLine line : lines) {
            if (line.category() == category) {
                sum = sum.plus(line.amount());
            }
        }
        return sum;
    }
}
