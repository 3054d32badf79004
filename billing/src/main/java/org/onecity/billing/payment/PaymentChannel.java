package org.onecity.billing.payment;

import org.onecity.billing.money.Money;

/**
 * Where a patient's money is taken: the port every payment channel adapts to. The hub ships the hospital cashier
 * ({@link CashierChannel}); a card or mobile gateway is another implementation of this interface, registered as a
 * Spring bean, chosen by its {@link #name()} in the payment request.
 * <p>
 * An adapter must be idempotent by {@link PaymentOrder#idempotencyKey()}: the hub may call {@link #capture} again
 * with the same key after a crash, and the gateway must answer the first outcome, not take the money twice (every
 * major gateway accepts such a key). The hub calls it while it holds the bill's lock, once per bill at a time.
 */
public interface PaymentChannel {

    /** The channel's name in payment requests, e.g. {@code cashier}. */
    String name();

    /** Takes the order's amount, or says why not. */
    Capture capture(PaymentOrder order);

    /** What the patient pays for. */
    record PaymentOrder(String idempotencyKey, long billId, String cardNumber, String hospital, Money amount) {
    }

    /** The channel's answer: captured with its reference, or declined with a reason. */
    record Capture(boolean captured, String reference, String declineReason) {

        public static Capture captured(String reference) {
            return new Capture(true, reference, null);
        }

        public static Capture declined(String reason) {
            return new Capture(false, null, reason);
        }
    }
}
