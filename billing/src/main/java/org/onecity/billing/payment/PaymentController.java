package org.onecity.billing.payment;

import org.onecity.billing.Refused;
import org.onecity.billing.access.BillingAccess;
import org.onecity.billing.bill.Bill;
import org.onecity.billing.bill.Bills;
import org.onecity.billing.card.CardAccounts;
import org.onecity.billing.money.Money;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Optional;

/**
 * The patient (or the hospital's cashier for them) pays a bill once. 201 with the receipt for a captured payment,
 * 200 with the same receipt when the request is repeated with its Idempotency-Key, 402 when the channel declined.
 */
@RestController
class PaymentController {

    private final Checkout checkout;
    private final Bills bills;
    private final CardAccounts cards;
    private final BillingAccess access;

    PaymentController(Checkout checkout, Bills bills, CardAccounts cards, BillingAccess access) {
        this.checkout = checkout;
        this.bills = bills;
        this.cards = cards;
        this.access = access;
    }

    record PaymentRequest(Money amount, String channel) {
    }

    /** What the payer keeps. */
    record Receipt(String receiptNumber, long billId, String cardNumber, String hospital, Money amount, String channel,
                   String channelReference, java.time.Instant paidAt) {
    }

    @PostMapping("/billing/bills/{id}/payments")
    ResponseEntity<?> pay(@PathVariable long id, @RequestHeader("Idempotency-Key") String key,
                          @RequestBody PaymentRequest request) {
        Optional<Bill> found = bills.find(id);
        var payer = access.requirePayer(found.flatMap(b -> cards.find(b.cardNumber())),
                found.map(Bill::hospital).orElse(""), "bill " + id, () -> Refused.notFound("unknown-bill", "No bill " + id));
        Bill bill = found.orElseThrow();
        Checkout.Outcome outcome = checkout.pay(id, key, request.amount(), request.channel(), payer.subject());
        Payment payment = outcome.payment();
        if (!payment.captured()) {
            ProblemDetail declined = ProblemDetail.forStatusAndDetail(HttpStatus.PAYMENT_REQUIRED,
                    "The " + payment.channel() + " channel declined the payment: " + payment.declineReason());
            declined.setType(URI.create("https://onecity.example/problems/payment-declined"));
            return ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED).body(declined);
        }
        Receipt receipt = new Receipt(payment.receiptNumber(), id, bill.cardNumber(), bill.hospital(), payment.amount(),
                payment.channel(), payment.channelReference(), payment.at());
        return ResponseEntity.status(outcome.repeated() ? HttpStatus.OK : HttpStatus.CREATED).body(receipt);
    }
}
