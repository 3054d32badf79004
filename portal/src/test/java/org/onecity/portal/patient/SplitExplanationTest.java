package org.onecity.portal.patient;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class SplitExplanationTest {

    private static BigDecimal yuan(String amount) {
        return new BigDecimal(amount);
    }

    /** The demo stay: 838.00 in all, the employee scheme at a level 2 hospital. */
    private final Split stay = new Split("EMPLOYEE-2026-v1", yuan("838.00"), yuan("73.00"), yuan("38.00"), yuan("727.00"),
            yuan("727.00"), yuan("0.00"), yuan("0.00"), yuan("0.00"), yuan("765.00"), yuan("73.00"));

    @Test
    void theStepsFollowThePolicyOrderAndLeaveOutWhatIsEmptyButNeverWhoPays() {
        assertThat(SplitExplanation.of(stay)).extracting(SplitExplanation.Step::key).containsExactly(
                "split.total", "split.outside", "split.class-b", "split.within-scope", "split.deductible",
                "split.fund", "split.personal-account", "split.patient");
    }

    @Test
    void eachStepSaysWhosePartItIs() {
        assertThat(SplitExplanation.of(stay)).filteredOn(s -> s.key().equals("split.deductible"))
                .extracting(SplitExplanation.Step::payer).containsExactly(SplitExplanation.Payer.PATIENTS_SHARE);
        assertThat(SplitExplanation.of(stay)).filteredOn(s -> s.key().equals("split.personal-account"))
                .extracting(SplitExplanation.Step::amount).containsExactly(yuan("765.00"));
    }

    @Test
    void theFundThePersonalAccountAndThePatientTogetherPayTheTotal() {
        assertThat(SplitExplanation.addsUp(stay)).isTrue();
        Split wrong = new Split("x", yuan("10.00"), yuan("0"), yuan("0"), yuan("10.00"), yuan("0"), yuan("0"), yuan("0"),
                yuan("5.00"), yuan("0"), yuan("4.99"));
        assertThat(SplitExplanation.addsUp(wrong)).isFalse();
    }
}
