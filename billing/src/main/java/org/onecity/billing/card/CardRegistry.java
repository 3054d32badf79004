package org.onecity.billing.card;

import org.onecity.billing.Refused;
import org.onecity.billing.ledger.Ledger;
import org.onecity.billing.ledger.LedgerAccount;
import org.onecity.billing.ledger.LedgerTransaction;
import org.onecity.billing.money.Money;
import org.onecity.billing.policy.CardYear;
import org.onecity.billing.policy.Scheme;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.regex.Pattern;

/** The bureau registers social insurance cards; a card's opening personal account balance is booked as funded by its insurer. */
@Service
public class CardRegistry {

    private static final Pattern CARD_NUMBER = Pattern.compile("[A-Za-z0-9-]{4,32}");
    private static final Pattern CITIZEN_ID = Pattern.compile("\\d{17}[\\dX]");

    private final CardAccounts cards;
    private final Ledger ledger;
    private final Clock clock;

    public CardRegistry(CardAccounts cards, Ledger ledger, Clock clock) {
        this.cards = cards;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** What the bureau knows of a new card. */
    public record Registration(String cardNumber, String citizenId, String holderName, Scheme scheme, String insurer,
                               Money creditLimit, Money personalBalance) {
    }

    /** Registers the card; registering the same card again with the same facts is a no-op. Answers whether it is new. */
    @Transactional
    public boolean register(Registration card) {
        check(card);
        CardAccount account = new CardAccount(card.cardNumber(), card.citizenId(), card.holderName(), card.scheme(),
                card.insurer(), CardStatus.ACTIVE, PayLaterStanding.ELIGIBLE, card.creditLimit(),
                card.personalBalance(), Money.ZERO, Money.ZERO, CardYear.fresh(LocalDate.now(clock).getYear()));
        if (!cards.register(account)) {
            CardAccount existing = cards.find(card.cardNumber()).orElseThrow();
            if (!existing.citizenId().equals(card.citizenId()) || existing.scheme() != card.scheme()
                    || !existing.insurer().equals(card.insurer())) {
                throw Refused.conflict("card-registered", "Card " + card.cardNumber()
                        + " is registered already, to another holder, scheme or insurer");
            }
            return false;
        }
        if (card.personalBalance().isPositive()) {
            ledger.book(LedgerTransaction.of("card-opening", card.cardNumber())
                    .debit(LedgerAccount.insurerContributions(card.insurer()), card.personalBalance())
                    .credit(LedgerAccount.personalAccount(card.cardNumber()), card.personalBalance())
                    .build(), clock.instant());
        }
        return true;
    }

    private static void check(Registration card) {
        if (card.cardNumber() == null || !CARD_NUMBER.matcher(card.cardNumber()).matches()) {
            throw Refused.unprocessable("card-number-invalid", "A card number is 4 to 32 letters, digits or dashes");
        }
        if (card.citizenId() == null || !CITIZEN_ID.matcher(card.citizenId()).matches()) {
            throw Refused.unprocessable("citizen-id-invalid", "A citizen ID is 17 digits and a digit or X");
        }
        if (card.holderName() == null || card.holderName().isBlank() || card.scheme() == null
                || card.insurer() == null || card.insurer().isBlank()) {
            throw Refused.unprocessable("card-incomplete", "A card needs its holder's name, scheme and insurer");
        }
        if (card.creditLimit() == null || card.creditLimit().isNegative()
                || card.personalBalance() == null || card.personalBalance().isNegative()) {
            throw Refused.unprocessable("card-amounts-invalid",
                    "A card's credit limit and personal balance are given and not negative");
        }
    }
}
