package org.onecity.billing.payment;

import org.springframework.stereotype.Component;

/**
 * The hospital cashier's desk: the patient pays the cashier, who confirms through the hospital's system. The money is
 * in hand when the cashier posts, so the capture always succeeds; its reference is the order's key.
 */
@Component
public class CashierChannel implements PaymentChannel {

    @Override
    public String name() {
        return "cashier";
    }

    @Override
    public Capture capture(PaymentOrder order) {
        return Capture.captured("cashier:" + order.hospital() + ":" + order.idempotencyKey());
    }
}
