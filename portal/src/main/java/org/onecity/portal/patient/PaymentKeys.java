package org.onecity.portal.patient;

import org.springframework.stereotype.Component;
import org.springframework.web.context.annotation.SessionScope;

import java.io.Serializable;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Idempotency-Key per bill shown to the person, made here and kept in the session: a double click or a reload
 * of the payment sends the same key, so billing makes one payment and answers the same receipt.
 */
@Component
@SessionScope
public class PaymentKeys implements Serializable {

    private final Map<Long, String> keys = new ConcurrentHashMap<>();

    /** The key for this bill: the same one until the bill is paid, so every form of the bill pays once. */
    public String forBill(long bill) {
        return keys.computeIfAbsent(bill, b -> "portal-" + UUID.randomUUID());
    }

    /** Whether the key is the one this session issued for the bill (a form from elsewhere pays nothing). */
    public boolean issued(long bill, String key) {
        return key != null && key.equals(keys.get(bill));
    }
}
