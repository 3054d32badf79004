package org.onecity.portal.insurer;

import java.math.BigDecimal;

/** The insurer's settlements of one day at one hospital: how many, and the amounts in yuan. */
record HospitalTotals(String hospital, long settlements, BigDecimal total, BigDecimal fund, BigDecimal personalAccount) {
}
