package org.onecity.portal.patient;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A bill's split told step by step, in the order the city's policy applies it: what lies outside the insurance, the
 * class B first self-pay, the deductible, the co-payment and the cap within scope, then who pays: the fund, the
 * personal account and the patient. Steps with nothing in them are left out, except who pays.
 */
public final class SplitExplanation {

    /**
     * One step: {@code key} names the message that explains it; {@code payer} says whose share it is.
     */
    public record Step(String key, BigDecimal amount, Payer payer) {
    }

    /**
     * Whose part a step is. The patient's share within scope (deductible, co-payment, over the cap) is paid from the
     * personal account first, where the scheme has one; what is left of it the patient pays.
     */
    public enum Payer {
        PATIENT, PATIENTS_SHARE, FUND, PERSONAL_ACCOUNT, NOBODY
    }

    private SplitExplanation() {
    }

    public static List<Step> of(Split split) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("split.total", split.total(), Payer.NOBODY));
        addIfAny(steps, "split.outside", split.outsideSelfPay(), Payer.PATIENT);
        addIfAny(steps, "split.class-b", split.classBSelfPay(), Payer.PATIENT);
        addIfAny(steps, "split.within-scope", split.withinScope(), Payer.NOBODY);
        addIfAny(steps, "split.deductible", split.deductible(), Payer.PATIENTS_SHARE);
        addIfAny(steps, "split.coinsurance", split.coinsurance(), Payer.PATIENTS_SHARE);
        addIfAny(steps, "split.over-cap", split.overCap(), Payer.PATIENTS_SHARE);
        steps.add(new Step("split.fund", split.fund(), Payer.FUND));
        addIfAny(steps, "split.personal-account", split.personalAccount(), Payer.PERSONAL_ACCOUNT);
        steps.add(new Step("split.patient", split.patient(), Payer.PATIENT));
        return steps;
    }

    /** Every fen is somebody's: the fund, the personal account and the patient together pay the total. */
    public static boolean addsUp(Split split) {
        return split.fund().add(split.personalAccount()).add(split.patient()).compareTo(split.total()) == 0;
    }

    private static void addIfAny(List<Step> steps, String key, BigDecimal amount, Payer payer) {
        if (amount != null && amount.signum() != 0) {
            steps.add(new Step(key, amount, payer));
        }
    }
}
