package org.onecity.billing.bill;

public enum BillStatus {
    UNPAID,
    PAID
}
