package org.onecity.billing.ledger;

/**
 * An account of the city's pay-later ledger: a kind and whose it is, written {@code kind:owner}, e.g.
 * {@code patient-receivable:SIC0001}.
 */
public record LedgerAccount(Kind kind, String owner) {

    public enum Kind {
        /** What a cardholder owes for bills not yet paid. */
        PATIENT_RECEIVABLE("patient-receivable"),
        /**
         * The insurer's side of final bills (fund and personal account shares) that the daily settlement has not yet
         * turned into a claim on the fund and a debit of the card's personal account.
         */
        UNSETTLED("unsettled"),
        /** What an insurer's fund owes for its shares of settled bills: the claims. */
        FUND_RECEIVABLE("fund-receivable"),
        /** A card's personal account: money held for the cardholder (a liability; debited when spent). */
        PERSONAL_ACCOUNT("personal-account"),
        /** What a hospital has earned from the charges billed. */
        HOSPITAL_REVENUE("hospital-revenue"),
        /** Money taken in, by payment channel. */
        CASH("cash"),
        /** Where personal accounts are funded from: an insurer's contributions. */
        INSURER_CONTRIBUTIONS("insurer-contributions");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        static Kind fromCode(String code) {
            for (Kind kind : values()) {
                if (kind.code.equals(code)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("No ledger account kind " + code);
        }
    }

    public static LedgerAccount patientReceivable(String card) {
        return new LedgerAccount(Kind.PATIENT_RECEIVABLE, card);
    }

    public static LedgerAccount fundReceivable(String insurer) {
        return new LedgerAccount(Kind.FUND_RECEIVABLE, insurer);
    }

    public static LedgerAccount unsettled(String insurer) {
        return new LedgerAccount(Kind.UNSETTLED, insurer);
    }

    public static LedgerAccount personalAccount(String card) {
        return new LedgerAccount(Kind.PERSONAL_ACCOUNT, card);
    }

    public static LedgerAccount hospitalRevenue(String hospital) {
        return new LedgerAccount(Kind.HOSPITAL_REVENUE, hospital);
    }

    public static LedgerAccount cash(String channel) {
        return new LedgerAccount(Kind.CASH, channel);
    }

    public static LedgerAccount insurerContributions(String insurer) {
        return new LedgerAccount(Kind.INSURER_CONTRIBUTIONS, insurer);
    }

    public static LedgerAccount parse(String name) {
        int colon = name.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("A ledger account is kind:owner, not " + name);
        }
        return new LedgerAccount(Kind.fromCode(name.substring(0, colon)), name.substring(colon + 1));
    }

    @Override
    public String toString() {
        return kind.code + ":" + owner;
    }
}
