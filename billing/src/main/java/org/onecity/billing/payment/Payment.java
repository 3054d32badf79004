package org.onecity.billing.payment;

import org.onecity.billing.money.Money;

import java.time.Instant;

/** An attempt to pay a bill, as recorded under its idempotency key: captured (with a receipt) or declined. */
public record Payment(long id, long billId, String idempotencyKey, Money amount, String channel, boolean captured,
                      String channelReference, String declineReason, String receiptNumber, String paidBy,
                      Instant at) {
}
