package org.onecity.portal.patient;

import org.springframework.stereotype.Component;
import org.springframework.web.context.annotation.SessionScope;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Idempotency-Key per bill shown to the person, made here and kept in the session: a double click or a reload
 * of the payment sends the same key, so billing makes one payment and answers the same receipt.
 */
@Component
@SessionScope
public class PaymentKeys implements Serializable {

    /**
     * Billing's definitive refusals: declined (402), the key already used with another amount (422), the bill paid
     * by another payment (409). Nothing is pending under the key, and billing would answer it the same refusal for
     * ever; the next try needs a new key. A timeout, a 5xx or a broken connection leaves the outcome unknown: the key
     * stays, so trying again cannot pay twice.
     */
    private static final Set<Integer> DEFINITIVE = Set.of(402, 409, 422);

    private final Map<Long, String> keys = new ConcurrentHashMap<>();

    /** The key for this bill: the same one until billing refuses it definitively, so every form of the bill pays once. */
    public String forBill(long bill) {
        return keys.computeIfAbsent(bill, b -> "portal-" + UUID.randomUUID());
    }

    /** Whether the key is the one this session issued for the bill (a form from elsewhere pays nothing). */
    public boolean issued(long bill, String key) {
        return key != null && key.equals(keys.get(bill));
    }

    /** After billing answered the payment with an error status: a definitive refusal retires the bill's key. */
    public void afterRefusal(long bill, int status) {
        if (DEFINITIVE.contains(status)) {
            keys.remove(bill);
        }
    }
}
