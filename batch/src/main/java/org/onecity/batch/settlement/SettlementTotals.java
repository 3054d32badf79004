package org.onecity.batch.settlement;

import org.onecity.batch.money.Yuan;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The totals record of an insurer's settlement for one insurance type and clearing type, in the shape of the national
 * insurance platform's totals reconciliation: insurance type, clearing type, period start and end, total medical
 * cost, fund payment, personal account payment, settlement count; tab-separated.
 */
public record SettlementTotals(String insuranceType, String clearingType, LocalDate periodStart, LocalDate periodEnd,
                               long totalFen, long fundFen, long accountFen, long count) {

    public static final int COLUMNS = 8;

    public String line() {
        return String.join("\t", insuranceType, clearingType, periodStart.format(DateTimeFormatter.BASIC_ISO_DATE),
                periodEnd.format(DateTimeFormatter.BASIC_ISO_DATE), Yuan.format(totalFen), Yuan.format(fundFen),
                Yuan.format(accountFen), Long.toString(count));
    }
}
