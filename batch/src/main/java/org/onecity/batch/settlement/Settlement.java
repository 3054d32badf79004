package org.onecity.batch.settlement;

import java.time.LocalDate;

/**
 * A bill's line in its insurer's settlement: the fund's share becomes a claim on the insurer, the personal account's
 * share is debited from the card. Its id is made from the period and the bill, so a settlement run again after a
 * crash names the same settlement.
 *
 * @param insuranceType the national platform's insurance type of the card's scheme (310 employees, 390 residents)
 * @param clearingType  the national platform's medical type of the visit (11 outpatient, 21 inpatient)
 * @param refund        whether the line refunds an earlier settlement (OneCity's final bills are never refunds)
 */
public record Settlement(String settlementId, long billId, LocalDate period, String insurer, String hospital,
                         String insuranceType, String clearingType, String visitId, String personNumber,
                         String cardNumber, long totalFen, long fundFen, long accountFen, boolean refund) {

    public static Settlement of(UnsettledBill bill, SettlementPeriod period) {
        return new Settlement(id(period, bill.billId()), bill.billId(), period.day(), bill.insurer(), bill.hospital(),
                insuranceType(bill.scheme()), clearingType(bill.visitKind()), bill.hospital() + "-" + bill.hospitalVisitId(),
                bill.cardNumber(), bill.cardNumber(), bill.totalFen(), bill.fundFen(), bill.accountFen(), false);
    }

    static String id(SettlementPeriod period, long billId) {
        return "S" + period.compact() + String.format("%012d", billId);
    }

    static String insuranceType(String scheme) {
        return switch (scheme) {
            case "EMPLOYEE" -> "310";
            case "RESIDENT" -> "390";
            default -> throw new IllegalArgumentException("No insurance type for scheme " + scheme);
        };
    }

    static String clearingType(String visitKind) {
        return switch (visitKind) {
            case "OUTPATIENT" -> "11";
            case "INPATIENT" -> "21";
            default -> throw new IllegalArgumentException("No clearing type for visit kind " + visitKind);
        };
    }

    /** What the insurer's side of the bill comes to: the fund's claim and the personal account's debit. */
    public long insurerSideFen() {
        return fundFen + accountFen;
    }
}
