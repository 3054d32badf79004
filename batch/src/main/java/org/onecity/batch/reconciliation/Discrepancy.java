package org.onecity.batch.reconciliation;

/**
 * A settlement where our books and the insurer's statement disagree.
 *
 * @param lineNumber the statement's line, null when the statement has no line for it
 */
public record Discrepancy(String settlementId, Kind kind, Integer lineNumber, String detail) {

    public enum Kind {
        /** Both have it; total, fund or account amounts differ. */
        AMOUNT_DIFFERS,
        /** The statement has it; we have no such settlement in the insurer's period. */
        MISSING_HERE,
        /** We settled it; the statement does not have it. */
        MISSING_THERE,
        /** Both have it with the same amounts; one says refund, the other does not. */
        REFUND_DIFFERS
    }
}
