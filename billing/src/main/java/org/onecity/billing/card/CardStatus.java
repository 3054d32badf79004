package org.onecity.billing.card;

/** Whether the social insurance card is in force. */
public enum CardStatus {
    ACTIVE,
    CANCELLED
}
