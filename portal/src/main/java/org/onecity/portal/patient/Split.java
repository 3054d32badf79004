package org.onecity.portal.patient;

import java.math.BigDecimal;

/**
 * A bill's split between the insurance fund, the card's personal account and the patient, as billing computed it
 * (amounts in yuan, two decimals). The portal explains it; it never recomputes it.
 */
public record Split(String policy, BigDecimal total, BigDecimal outsideSelfPay, BigDecimal classBSelfPay,
                    BigDecimal withinScope, BigDecimal deductible, BigDecimal coinsurance, BigDecimal overCap,
                    BigDecimal fund, BigDecimal personalAccount, BigDecimal patient) {
}
