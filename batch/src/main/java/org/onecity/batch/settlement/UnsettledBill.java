package org.onecity.batch.settlement;

/**
 * A final bill whose insurer side is not yet settled, with what its settlement line needs.
 *
 * @param scheme    the card's scheme (EMPLOYEE, RESIDENT): the insurance type of the line
 * @param visitKind OUTPATIENT or INPATIENT: the clearing type of the line
 */
public record UnsettledBill(long billId, String cardNumber, String insurer, String hospital, String scheme,
                            String visitKind, String hospitalVisitId, long totalFen, long fundFen, long accountFen) {
}
