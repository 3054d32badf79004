package org.onecity.billing.policy;

import org.junit.jupiter.api.Test;
import org.onecity.billing.money.Money;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.onecity.billing.policy.InsuranceCategory.CLASS_A;
import static org.onecity.billing.policy.InsuranceCategory.CLASS_B;
import static org.onecity.billing.policy.InsuranceCategory.OUTSIDE;

/**
 * The insurance split, worked through in fen (1 yuan = 100 fen) on the employee and resident policies of 2026.
 * <ul>
 * <li>Employee: class B first self-pay 10 %; annual fund cap 600,000 yuan; the personal account pays the patient's
 * share within scope. Inpatient: deductible per stay 300 / 600 / 900 yuan at levels 1 / 2 / 3, half for later
 * stays of the year; the fund pays 95 / 92 / 90 % above it. Outpatient: 800 yuan a year, then 70 / 60 / 50 %.</li>
 * <li>Resident: class B 15 %; cap 300,000 yuan; no personal account. Inpatient: 200 / 500 / 1,000 yuan per stay,
 * then 90 / 80 / 70 %.</li>
 * </ul>
 */
class InsuranceSplitTest {

    static final InsurancePolicy EMPLOYEE_2026 = new InsurancePolicy("EMPLOYEE-2026", Scheme.EMPLOYEE, 2026,
            new BigDecimal("0.10"), Money.yuan("600000"), true, false, Map.of(
            VisitKind.INPATIENT, new VisitRules(DeductibleBasis.PER_ADMISSION, levels("300", "600", "900"),
                    new BigDecimal("0.5"), ratios("0.95", "0.92", "0.90")),
            VisitKind.OUTPATIENT, new VisitRules(DeductibleBasis.PER_YEAR, levels("800", "800", "800"),
                    null, ratios("0.70", "0.60", "0.50"))));
    static final InsurancePolicy RESIDENT_2026 = new InsurancePolicy("RESIDENT-2026", Scheme.RESIDENT, 2026,
            new BigDecimal("0.15"), Money.yuan("300000"), false, false, Map.of(
            VisitKind.INPATIENT, new VisitRules(DeductibleBasis.PER_ADMISSION, levels("200", "500", "1000"),
                    BigDecimal.ONE, ratios("0.90", "0.80", "0.70")),
            VisitKind.OUTPATIENT, new VisitRules(DeductibleBasis.PER_YEAR, levels("200", "500", "800"),
                    null, ratios("0.60", "0.50", "0.40"))));

    /** A stay at a tertiary hospital: 10,000 yuan class A, 2,000 yuan class B, 500 yuan outside the catalogue. */
    static final List<BillableLine> STAY = List.of(line(CLASS_A, 1_000_000), line(CLASS_B, 200_000),
            line(OUTSIDE, 50_000));

    @Test
    void anEmployeesFirstStayPaysTheDeductibleThenTheFundPaysItsRatioAndThePersonalAccountTheSelfShare() {
        Split split = InsuranceSplit.of(STAY, EMPLOYEE_2026, VisitKind.INPATIENT, 3, CardYear.fresh(2026),
                Money.fen(100_000));

        assertThat(split.total()).isEqualTo(Money.fen(1_250_000));
        assertThat(split.outsideSelfPay()).isEqualTo(Money.fen(50_000));
        assertThat(split.classBSelfPay()).isEqualTo(Money.fen(20_000));        // 10 % of 200,000
        assertThat(split.withinScope()).isEqualTo(Money.fen(1_180_000));       // 1,000,000 + 180,000
        assertThat(split.deductible()).isEqualTo(Money.fen(90_000));           // 900 yuan at level 3
        assertThat(split.fund()).isEqualTo(Money.fen(981_000));                // 90 % of 1,090,000
        assertThat(split.coinsurance()).isEqualTo(Money.fen(109_000));         // the other 10 %
        assertThat(split.personalAccount()).isEqualTo(Money.fen(100_000));     // all of its 1,000 yuan
        assertThat(split.patient()).isEqualTo(Money.fen(169_000));             // 219,000 - 100,000 + 50,000
    }

    @Test
    void thePersonalAccountPaysTheShareWithinScopeButNotTheClassBFirstSelfPay() {
        Split split = InsuranceSplit.of(STAY, EMPLOYEE_2026, VisitKind.INPATIENT, 3, CardYear.fresh(2026),
                Money.fen(1_000_000));

        assertThat(split.personalAccount()).isEqualTo(Money.fen(199_000));     // deductible 90,000 + 109,000
        assertThat(split.patient()).isEqualTo(Money.fen(70_000));              // class B 20,000 + outside 50,000
    }

    @Test
    void wherePolicySaysSoThePersonalAccountAlsoPaysTheClassBFirstSelfPay() {
        InsurancePolicy generous = new InsurancePolicy("EMPLOYEE-2026-B", Scheme.EMPLOYEE, 2026,
                EMPLOYEE_2026.classBFirstSelfPay(), EMPLOYEE_2026.annualFundCap(), true, true,
                Map.of(VisitKind.INPATIENT, EMPLOYEE_2026.rulesFor(VisitKind.INPATIENT),
                        VisitKind.OUTPATIENT, EMPLOYEE_2026.rulesFor(VisitKind.OUTPATIENT)));
        Split split = InsuranceSplit.of(STAY, generous, VisitKind.INPATIENT, 3, CardYear.fresh(2026),
                Money.fen(1_000_000));

        assertThat(split.personalAccount()).isEqualTo(Money.fen(219_000));     // and class B's 20,000
        assertThat(split.patient()).isEqualTo(Money.fen(50_000));              // what lies outside the catalogue
    }

    @Test
    void aLaterStayOfTheYearPaysHalfTheDeductible() {
        Split split = InsuranceSplit.of(STAY, EMPLOYEE_2026, VisitKind.INPATIENT, 3,
                new CardYear(2026, Money.ZERO, Money.fen(981_000), 1), Money.ZERO);

        assertThat(split.deductible()).isEqualTo(Money.fen(45_000));
        assertThat(split.fund()).isEqualTo(Money.fen(1_021_500));              // 90 % of 1,135,000
        assertThat(split.personalAccount()).isEqualTo(Money.ZERO);             // the account is empty
        assertThat(split.patient()).isEqualTo(Money.fen(228_500));
    }

    @Test
    void theHospitalsLevelSetsTheDeductibleAndTheRatio() {
        Split split = InsuranceSplit.of(List.of(line(CLASS_A, 100_000)), EMPLOYEE_2026, VisitKind.INPATIENT, 1,
                CardYear.fresh(2026), Money.ZERO);

        assertThat(split.deductible()).isEqualTo(Money.fen(30_000));           // 300 yuan at level 1
        assertThat(split.fund()).isEqualTo(Money.fen(66_500));                 // 95 % of 70,000
        assertThat(split.patient()).isEqualTo(Money.fen(33_500));
    }

    @Test
    void aResidentHasNoPersonalAccountAndPaysTheSelfShareInCash() {
        Split split = InsuranceSplit.of(STAY, RESIDENT_2026, VisitKind.INPATIENT, 3, CardYear.fresh(2026),
                Money.fen(100_000));

        assertThat(split.classBSelfPay()).isEqualTo(Money.fen(30_000));        // 15 % of 200,000
        assertThat(split.deductible()).isEqualTo(Money.fen(100_000));          // 1,000 yuan at level 3
        assertThat(split.fund()).isEqualTo(Money.fen(749_000));                // 70 % of 1,070,000
        assertThat(split.personalAccount()).isEqualTo(Money.ZERO);
        assertThat(split.patient()).isEqualTo(Money.fen(501_000));
    }

    @Test
    void theYearlyOutpatientDeductibleCountsWhatWasMetEarlierInTheYear() {
        CardYear met500Yuan = new CardYear(2026, Money.fen(50_000), Money.ZERO, 0);
        Split split = InsuranceSplit.of(List.of(line(CLASS_A, 60_000)), EMPLOYEE_2026, VisitKind.OUTPATIENT, 2,
                met500Yuan, Money.ZERO);

        assertThat(split.deductible()).isEqualTo(Money.fen(30_000));           // the 300 yuan left of 800
        assertThat(split.fund()).isEqualTo(Money.fen(18_000));                 // 60 % of 30,000
        assertThat(split.patient()).isEqualTo(Money.fen(42_000));
        assertThat(met500Yuan.after(VisitKind.OUTPATIENT, EMPLOYEE_2026.rulesFor(VisitKind.OUTPATIENT), split))
                .isEqualTo(new CardYear(2026, Money.fen(80_000), Money.fen(18_000), 0));
    }

    @Test
    void aVisitBelowTheDeductibleGetsNothingFromTheFund() {
        Split split = InsuranceSplit.of(List.of(line(CLASS_A, 2_500)), EMPLOYEE_2026, VisitKind.OUTPATIENT, 1,
                CardYear.fresh(2026), Money.fen(1_000));

        assertThat(split.deductible()).isEqualTo(Money.fen(2_500));
        assertThat(split.fund()).isEqualTo(Money.ZERO);
        assertThat(split.personalAccount()).isEqualTo(Money.fen(1_000));
        assertThat(split.patient()).isEqualTo(Money.fen(1_500));
    }

    @Test
    void theFundStopsAtItsAnnualCapAndThePatientPaysBeyondIt() {
        CardYear nearTheCap = new CardYear(2026, Money.ZERO, Money.fen(59_900_000), 0);   // 599,000 yuan used
        Split split = InsuranceSplit.of(STAY, EMPLOYEE_2026, VisitKind.INPATIENT, 3, nearTheCap, Money.ZERO);

        assertThat(split.fund()).isEqualTo(Money.fen(100_000));                // the last 1,000 yuan of the cap
        assertThat(split.overCap()).isEqualTo(Money.fen(881_000));             // 981,000 the ratio would give
        assertThat(split.patient()).isEqualTo(Money.fen(1_150_000));
    }

    @Test
    void aNewYearStartsTheCardsCountersAfresh() {
        CardYear lastYear = new CardYear(2025, Money.fen(80_000), Money.fen(59_900_000), 3);

        assertThat(lastYear.asOf(2026)).isEqualTo(CardYear.fresh(2026));
        assertThat(lastYear.asOf(2025)).isSameAs(lastYear);
    }

    @Test
    void aReversalCancelsItsChargeExactly() {
        List<BillableLine> charged = List.of(line(CLASS_A, 100_000), line(CLASS_B, 33_333), line(CLASS_B, -33_333));
        Split split = InsuranceSplit.of(charged, EMPLOYEE_2026, VisitKind.INPATIENT, 2, CardYear.fresh(2026), Money.ZERO);

        assertThat(split).isEqualTo(InsuranceSplit.of(List.of(line(CLASS_A, 100_000)), EMPLOYEE_2026,
                VisitKind.INPATIENT, 2, CardYear.fresh(2026), Money.ZERO));
    }

    @Test
    void sharesAreRoundedHalfUpToTheFenOncePerBill() {
        // class B of 3 lines of 0.05 yuan: 15 fen, 10 % is 1.5 fen, rounded to 2 fen once, not 0.5 fen rounded thrice
        List<BillableLine> small = List.of(line(CLASS_B, 5), line(CLASS_B, 5), line(CLASS_B, 5));
        Split split = InsuranceSplit.of(small, EMPLOYEE_2026, VisitKind.OUTPATIENT, 1, CardYear.fresh(2026), Money.ZERO);

        assertThat(split.classBSelfPay()).isEqualTo(Money.fen(2));
        assertThat(split.fund().plus(split.personalAccount()).plus(split.patient())).isEqualTo(split.total());
    }

    @Test
    void everyFenOfTheBillIsSomebodysShare() {
        for (int level = 1; level <= 3; level++) {
            for (InsurancePolicy policy : List.of(EMPLOYEE_2026, RESIDENT_2026)) {
                for (VisitKind kind : VisitKind.values()) {
                    Split split = InsuranceSplit.of(List.of(line(CLASS_A, 123_457), line(CLASS_B, 98_765),
                            line(OUTSIDE, 4_321)), policy, kind, level, CardYear.fresh(2026), Money.fen(7_777));
                    assertThat(split.fund().plus(split.personalAccount()).plus(split.patient()))
                            .as("%s %s level %d", policy.version(), kind, level).isEqualTo(split.total());
                    assertThat(split.selfShare().plus(split.fund()).plus(split.outsideSelfPay()))
                            .isEqualTo(split.total());
                }
            }
        }
    }

    @Test
    void reversalsBeyondTheirChargesAreRefused() {
        assertThatThrownBy(() -> InsuranceSplit.of(List.of(line(CLASS_A, -1)), EMPLOYEE_2026, VisitKind.OUTPATIENT, 1,
                CardYear.fresh(2026), Money.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    static BillableLine line(InsuranceCategory category, long fen) {
        return new BillableLine(category, Money.fen(fen));
    }

    static Map<Integer, Money> levels(String one, String two, String three) {
        return Map.of(1, Money.yuan(one), 2, Money.yuan(two), 3, Money.yuan(three));
    }

    static Map<Integer, BigDecimal> ratios(String one, String two, String three) {
        return Map.of(1, new BigDecimal(one), 2, new BigDecimal(two), 3, new BigDecimal(three));
    }
}
