package org.onecity.billing.access;

/** What access decisions need to know of a card: whose it is and which insurer covers it. */
public interface CardHolding {

    String cardNumber();

    String citizenId();

    String insurer();
}
