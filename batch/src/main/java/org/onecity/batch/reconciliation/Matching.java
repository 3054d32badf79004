package org.onecity.batch.reconciliation;

import org.onecity.batch.money.Yuan;
import org.onecity.batch.settlement.Settlement;

import java.util.Optional;

/**
 * The matching rules of reconciliation: a settlement and the statement's line for it agree when total, fund and
 * account amounts and the refund flag are the same; amounts are compared before the refund flag.
 */
public final class Matching {

    private Matching() {
    }

    /** The discrepancy between our settlement and their line (either may be missing), or none when they match. */
    public static Optional<Discrepancy> compare(Settlement ours, StatementLine theirs) {
        if (ours == null && theirs == null) {
            throw new IllegalArgumentException("Nothing to compare");
        }
        if (ours == null) {
            return Optional.of(new Discrepancy(theirs.settlementId(), Discrepancy.Kind.MISSING_HERE,
                    theirs.lineNumber(), "The statement's settlement " + theirs.settlementId()
                    + " is not one of ours for this insurer and period"));
        }
        if (theirs == null) {
            return Optional.of(new Discrepancy(ours.settlementId(), Discrepancy.Kind.MISSING_THERE, null,
                    "Our settlement " + ours.settlementId() + " (fund " + Yuan.format(ours.fundFen())
                    + ") is not in the statement"));
        }
        if (ours.totalFen() != theirs.totalFen() || ours.fundFen() != theirs.fundFen()
                || ours.accountFen() != theirs.accountFen()) {
            return Optional.of(new Discrepancy(ours.settlementId(), Discrepancy.Kind.AMOUNT_DIFFERS,
                    theirs.lineNumber(), "ours total/fund/account " + amounts(ours.totalFen(), ours.fundFen(),
                    ours.accountFen()) + ", theirs " + amounts(theirs.totalFen(), theirs.fundFen(),
                    theirs.accountFen())));
        }
        if (ours.refund() != theirs.refund()) {
            return Optional.of(new Discrepancy(ours.settlementId(), Discrepancy.Kind.REFUND_DIFFERS,
                    theirs.lineNumber(), "ours " + (ours.refund() ? "is" : "is not") + " a refund, theirs "
                    + (theirs.refund() ? "is" : "is not")));
        }
        return Optional.empty();
    }

    private static String amounts(long total, long fund, long account) {
        return Yuan.format(total) + "/" + Yuan.format(fund) + "/" + Yuan.format(account);
    }
}
