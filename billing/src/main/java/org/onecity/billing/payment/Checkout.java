package org.onecity.billing.payment;

import org.onecity.billing.Refused;
import org.onecity.billing.bill.Bill;
import org.onecity.billing.bill.BillStatus;
import org.onecity.billing.bill.Bills;
import org.onecity.billing.card.CardAccount;
import org.onecity.billing.card.CardAccounts;
import org.onecity.billing.card.PayLaterStanding;
import org.onecity.billing.ledger.Ledger;
import org.onecity.billing.ledger.LedgerAccount;
import org.onecity.billing.ledger.LedgerTransaction;
import org.onecity.billing.money.Money;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Pay once: the patient pays a bill's remainder in one payment. Attempts on one bill take turns on the bill's row
 * lock; an attempt repeated with its idempotency key answers the first outcome; once a payment is captured every
 * other attempt is refused, and the database's unique index stands behind that rule.
 */
@Service
public class Checkout {

    private final Bills bills;
    private final Payments payments;
    private final CardAccounts cards;
    private final Ledger ledger;
    private final Map<String, PaymentChannel> channels;
    private final Clock clock;

    public Checkout(Bills bills, Payments payments, CardAccounts cards, Ledger ledger, List<PaymentChannel> channels,
                    Clock clock) {
        this.bills = bills;
        this.payments = payments;
        this.cards = cards;
        this.ledger = ledger;
        this.channels = channels.stream().collect(Collectors.toMap(PaymentChannel::name, Function.identity()));
        this.clock = clock;
    }

    /** The payment and whether it is the answer to an earlier attempt with the same key. */
    public record Outcome(Payment payment, boolean repeated) {
    }

    @Transactional
    public Outcome pay(long billId, String idempotencyKey, Money amount, String channelName, String paidBy) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 128) {
            throw Refused.malformed("idempotency-key-missing",
                    "A payment needs an Idempotency-Key header (up to 128 characters), so that a retry pays once");
        }
        PaymentChannel channel = channels.get(channelName == null ? "cashier" : channelName);
        if (channel == null) {
            throw Refused.unprocessable("unknown-channel", "No payment channel " + channelName + "; the hub has "
                    + channels.keySet());
        }
        Bill bill = bills.lock(billId).orElseThrow(() -> Refused.notFound("unknown-bill", "No bill " + billId));
        // read after the lock: an attempt with the same key that held it before us has committed by now
        var earlier = payments.byKey(idempotencyKey);
        if (earlier.isPresent()) {
            requireSameRequest(earlier.get(), billId, amount, channel.name(), paidBy);
            return new Outcome(earlier.get(), true);
        }
        if (bill.status() == BillStatus.PAID) {
            String receipt = payments.capturedFor(billId).map(Payment::receiptNumber).orElse("none: nothing was due");
            throw Refused.conflict("bill-paid", "Bill " + billId + " is paid already (receipt " + receipt + ")");
        }
        if (amount == null || !amount.equals(bill.split().patient())) {
            throw Refused.unprocessable("amount-not-due", "Bill " + billId + " is paid once, in full: "
                    + bill.split().patient() + " yuan is due, not " + amount);
        }
        // as the database keeps it, so a repeated request answers the same receipt
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        PaymentChannel.Capture capture = channel.capture(new PaymentChannel.PaymentOrder(idempotencyKey, billId,
                bill.cardNumber(), bill.hospital(), amount));
        Payment payment = payments.add(billId, idempotencyKey, amount, channel.name(), capture, paidBy, now);
        if (payment.captured()) {
            settle(bill, payment, now);
        }
        return new Outcome(payment, false);
    }

    /**
     * A key names one request: the same key with another bill, amount or channel is a different payment, refused
     * with the difference named, not answered with the earlier receipt.
     */
    private static void requireSameRequest(Payment earlier, long billId, Money amount, String channel, String paidBy) {
        if (!earlier.paidBy().equals(paidBy)) {
            // another payer's key: nothing of that payment is told
            throw Refused.unprocessable("idempotency-key-reused", "This Idempotency-Key was used for another payment: "
                    + "use a new key for a new payment");
        }
        List<String> differences = new java.util.ArrayList<>();
        if (earlier.billId() != billId) {
            differences.add("bill " + earlier.billId() + ", not " + billId);
        }
        if (amount == null || !earlier.amount().equals(amount)) {
            differences.add("amount " + earlier.amount() + ", not " + amount);
        }
        if (!earlier.channel().equals(channel)) {
            differences.add("channel " + earlier.channel() + ", not " + channel);
        }
        if (!differences.isEmpty()) {
            throw Refused.unprocessable("idempotency-key-reused", "This Idempotency-Key was used for another payment ("
                    + String.join("; ", differences) + "): use a new key for a new payment");
        }
    }

    private void settle(Bill bill, Payment payment, Instant now) {
        bills.paid(bill.id());
        ledger.book(LedgerTransaction.of("payment", String.valueOf(payment.id()))
                .debit(LedgerAccount.cash(payment.channel()), payment.amount())
                .credit(LedgerAccount.patientReceivable(bill.cardNumber()), payment.amount())
                .build(), now);
        CardAccount card = cards.lock(bill.cardNumber()).orElseThrow();
        cards.changeExposure(card.cardNumber(), payment.amount().negate());
        // pay-later suspended for overdue debt comes back once no bill is overdue
        if (card.payLater() == PayLaterStanding.SUSPENDED && !cards.hasOverdueBill(card.cardNumber(), LocalDate.now(clock))) {
            cards.standing(card.cardNumber(), PayLaterStanding.ELIGIBLE);
        }
    }
}
