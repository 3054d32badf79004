package org.onecity.portal.insurer;

import java.util.List;

/**
 * The reconciliation of the insurer's statement for a day, as the batch wrote it.
 *
 * @param shown     the discrepancies on the page (the first {@link #SHOWN}); the CSV file has them all
 * @param count     how many there are in all
 */
record DiscrepancyReport(int lines, int matched, boolean totalsAgree, List<String> totalsDifferences,
                         List<Discrepancy> shown, int count) {

    static final int SHOWN = 200;

    record Discrepancy(String settlementId, String kind, Integer lineNumber, String detail) {
    }

    public boolean partlyShown() {
        return count > shown.size();
    }
}
