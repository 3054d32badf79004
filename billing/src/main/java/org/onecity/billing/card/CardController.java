package org.onecity.billing.card;

import org.onecity.billing.Refused;
import org.onecity.billing.access.AccessLog;
import org.onecity.billing.access.BillingAccess;
import org.onecity.common.security.SmartScopes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/** Card accounts: the bureau registers them; holders, their insurer and the bureau read them. */
@RestController
@RequestMapping("/billing/cards")
class CardController {

    private final CardRegistry registry;
    private final CardAccounts cards;
    private final BillingAccess access;
    private final AccessLog accessLog;

    CardController(CardRegistry registry, CardAccounts cards, BillingAccess access, AccessLog accessLog) {
        this.registry = registry;
        this.cards = cards;
        this.access = access;
        this.accessLog = accessLog;
    }

    @PutMapping("/{cardNumber}")
    ResponseEntity<CardAccount> register(@PathVariable String cardNumber, @RequestBody CardRegistry.Registration card) {
        access.requireAdmin("Account", SmartScopes.CREATE);
        if (card.cardNumber() != null && !card.cardNumber().equals(cardNumber)) {
            throw Refused.unprocessable("card-number-differs", "The body names card " + card.cardNumber()
                    + ", the path " + cardNumber);
        }
        boolean created = registry.register(new CardRegistry.Registration(cardNumber, card.citizenId(),
                card.holderName(), card.scheme(), card.insurer(), card.creditLimit(), card.personalBalance()));
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(cards.find(cardNumber).orElseThrow());
    }

    record StatusChange(CardStatus status) {
    }

    /** The bureau cancels a card (lost, replaced, insurance ended) or puts it back in force. */
    @PutMapping("/{cardNumber}/status")
    CardAccount status(@PathVariable String cardNumber, @RequestBody StatusChange change) {
        access.requireAdmin("Account", SmartScopes.UPDATE);
        if (change.status() == null) {
            throw Refused.unprocessable("status-missing", "A card's status is ACTIVE or CANCELLED");
        }
        cards.get(cardNumber);
        cards.status(cardNumber, change.status());
        return cards.get(cardNumber);
    }

    @GetMapping("/{cardNumber}")
    CardAccount card(@PathVariable String cardNumber) {
        Optional<CardAccount> card = cards.find(cardNumber);
        accessLog.read(access.requireRead(card, null, "Account", "card " + cardNumber, () -> CardAccounts.unknown(cardNumber)),
                "read-card", cardNumber, "card/" + cardNumber);
        return card.orElseThrow();
    }
}
