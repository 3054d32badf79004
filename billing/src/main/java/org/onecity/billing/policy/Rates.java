package org.onecity.billing.policy;

import java.math.BigDecimal;

final class Rates {

    private Rates() {
    }

    static void requireShare(BigDecimal rate, String what) {
        if (rate == null || rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("The " + what + " must be a share between 0 and 1, not " + rate);
        }
    }
}
