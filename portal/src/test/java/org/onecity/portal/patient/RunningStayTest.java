package org.onecity.portal.patient;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class RunningStayTest {

    /** Billing's pre-settlement of the demo stay, as it writes it: every amount an exact decimal in yuan. */
    private static final String PRE_SETTLEMENT = """
            {"policy":"EMPLOYEE-2026-v1","total":"838.00","outsideSelfPay":"73.00","classBSelfPay":"38.00",
             "withinScope":"727.00","deductible":"727.00","coinsurance":"0.00","overCap":"0.00","fund":"0.00",
             "personalAccount":"765.00","patient":"73.00"}""";

    @Test
    void theSplitSoFarIsReadFenForFenAsBillingComputedIt() throws Exception {
        Split split = Billing.split(new ObjectMapper().readTree(PRE_SETTLEMENT));
        assertThat(split.total()).isEqualTo(new BigDecimal("838.00"));
        assertThat(split.deductible()).isEqualTo(new BigDecimal("727.00"));
        assertThat(split.fund()).isEqualTo(new BigDecimal("0.00"));
        assertThat(split.personalAccount()).isEqualTo(new BigDecimal("765.00"));
        assertThat(split.patient()).isEqualTo(new BigDecimal("73.00"));
        assertThat(SplitExplanation.addsUp(split)).isTrue();
    }

    @Test
    void amountsWrittenAsNumbersAreReadExactlyToo() throws Exception {
        Split split = Billing.split(new ObjectMapper().readTree("""
                {"total":0.1,"fund":0.07,"patient":0.03}"""));
        assertThat(split.total()).isEqualTo(new BigDecimal("0.10"));
        assertThat(split.fund().add(split.patient())).isEqualTo(new BigDecimal("0.10"));
    }

    @Test
    void theSplitSoFarIsExplainedStepByStepAsABillsSplitIs() throws Exception {
        Split split = Billing.split(new ObjectMapper().readTree(PRE_SETTLEMENT));
        RunningStay stay = new RunningStay(7, "H002", "INPATIENT", new BigDecimal("838.00"), split);
        assertThat(stay.hasSplit()).isTrue();
        assertThat(stay.steps()).isEqualTo(SplitExplanation.of(split));
        assertThat(stay.steps()).extracting(SplitExplanation.Step::key)
                .contains("split.deductible", "split.fund", "split.personal-account", "split.patient");
    }

    @Test
    void aStayWhoseSplitBillingCouldNotGiveShowsNoSteps() {
        RunningStay stay = new RunningStay(7, "H002", "INPATIENT", new BigDecimal("838.00"), null);
        assertThat(stay.hasSplit()).isFalse();
        assertThat(stay.steps()).isEmpty();
    }
}
