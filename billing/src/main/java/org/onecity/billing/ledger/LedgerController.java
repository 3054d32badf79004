package org.onecity.billing.ledger;

import org.onecity.billing.access.BillingAccess;
import org.onecity.common.security.SmartScopes;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The bureau's view of the ledger as a whole. */
@RestController
class LedgerController {

    private final Ledger ledger;
    private final BillingAccess access;

    LedgerController(Ledger ledger, BillingAccess access) {
        this.ledger = ledger;
        this.access = access;
    }

    @GetMapping("/billing/ledger/trial-balance")
    TrialBalance trialBalance() {
        access.requireAdmin("Account", SmartScopes.READ);
        return ledger.trialBalance();
    }
}
