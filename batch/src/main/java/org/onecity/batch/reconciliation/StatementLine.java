package org.onecity.batch.reconciliation;

/** A detail line of an insurer's returned statement, with its line number in the file. */
public record StatementLine(int lineNumber, String settlementId, String visitId, String personNumber, long totalFen,
                            long fundFen, long accountFen, boolean refund) {
}
