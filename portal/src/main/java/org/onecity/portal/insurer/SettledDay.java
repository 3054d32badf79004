package org.onecity.portal.insurer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A day the insurer's members' claims were settled: per hospital, and whether its files and a reconciliation exist. */
record SettledDay(LocalDate period, List<HospitalTotals> hospitals, boolean files, boolean reconciled) {

    public long settlements() {
        return hospitals.stream().mapToLong(HospitalTotals::settlements).sum();
    }

    public BigDecimal total() {
        return hospitals.stream().map(HospitalTotals::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal fund() {
        return hospitals.stream().map(HospitalTotals::fund).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal personalAccount() {
        return hospitals.stream().map(HospitalTotals::personalAccount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
