package org.onecity.portal.patient;

import java.math.BigDecimal;
import java.util.List;

/**
 * A visit still running on the patient's card, with the split billing would make if the visit were billed now. It is
 * an estimate until discharge: charges may still come, and the card's year (deductible met, fund used) may move on
 * with another bill first.
 *
 * @param charged    what billing has charged on the visit so far, in yuan
 * @param splitSoFar billing's pre-settlement, or null when billing could not give it just now
 */
public record RunningStay(long visitId, String hospital, String kind, BigDecimal charged, Split splitSoFar) {

    /** The split so far told as a bill's split is; nothing when there is none to tell. */
    public List<SplitExplanation.Step> steps() {
        return splitSoFar == null ? List.of() : SplitExplanation.of(splitSoFar);
    }

    public boolean hasSplit() {
        return splitSoFar != null;
    }
}
