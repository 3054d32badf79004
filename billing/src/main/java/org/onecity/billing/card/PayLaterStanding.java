package org.onecity.billing.card;

/** Whether the card may be treated first and pay later; suspended for overdue debt until it is paid. */
public enum PayLaterStanding {
    ELIGIBLE,
    SUSPENDED
}
