package org.onecity.billing.statement;

import org.onecity.billing.access.AccessLog;
import org.onecity.billing.access.BillingAccess;
import org.onecity.billing.card.CardAccount;
import org.onecity.billing.card.CardAccounts;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/** A card's statement, for its holder, its insurer and the bureau. */
@RestController
class StatementController {

    private final CardStatements statements;
    private final CardAccounts cards;
    private final BillingAccess access;
    private final AccessLog accessLog;

    StatementController(CardStatements statements, CardAccounts cards, BillingAccess access, AccessLog accessLog) {
        this.statements = statements;
        this.cards = cards;
        this.access = access;
        this.accessLog = accessLog;
    }

    @GetMapping("/billing/cards/{cardNumber}/statement")
    CardStatements.Statement statement(@PathVariable String cardNumber) {
        Optional<CardAccount> card = cards.find(cardNumber);
        accessLog.read(access.requireRead(card, null, "Account", "card " + cardNumber, () -> CardAccounts.unknown(cardNumber)),
                "read-statement", cardNumber, "card/" + cardNumber);
        return statements.of(card.orElseThrow());
    }
}
