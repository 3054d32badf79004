package org.onecity.batch.settlement;

import org.onecity.batch.money.Yuan;

/**
 * A detail line of an insurer's settlement file, in the shape of the national insurance platform's detail
 * reconciliation: settlement id, visit id, person number, total cost, fund payment, account payment, refund flag
 * (0 or 1); tab-separated.
 */
public final class SettlementDetail {

    public static final int COLUMNS = 7;

    private SettlementDetail() {
    }

    public static String line(Settlement s) {
        return String.join("\t", s.settlementId(), s.visitId(), s.personNumber(), Yuan.format(s.totalFen()),
                Yuan.format(s.fundFen()), Yuan.format(s.accountFen()), s.refund() ? "1" : "0");
    }
}
