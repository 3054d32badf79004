package org.onecity.billing.bill;

import org.onecity.billing.Refused;
import org.onecity.billing.access.AccessLog;
import org.onecity.billing.access.BillingAccess;
import org.onecity.billing.card.CardAccounts;
import org.onecity.billing.policy.Split;
import org.onecity.billing.visit.Visit;
import org.onecity.billing.visit.Visits;
import org.onecity.common.security.Role;
import org.onecity.common.security.SmartScopes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/**
 * The end of a visit: the hospital asks for a pre-settlement, then discharges; patients and insurers read bills, and
 * the split so far of a visit still running.
 */
@RestController
class BillController {

    private final Discharge discharge;
    private final Bills bills;
    private final CardAccounts cards;
    private final BillingAccess access;
    private final AccessLog accessLog;
    private final Visits visits;

    BillController(Discharge discharge, Bills bills, CardAccounts cards, BillingAccess access, AccessLog accessLog,
                   Visits visits) {
        this.discharge = discharge;
        this.visits = visits;
        this.bills = bills;
        this.cards = cards;
        this.access = access;
        this.accessLog = accessLog;
    }

    /**
     * The split so far: for the hospital running the visit, as always (another hospital learns no more than that it has
     * no such visit); for everyone else as for the visit's bill, the cardholder, the card's insurer and the bureau, each
     * read recorded for the cardholder to see.
     */
    @GetMapping("/billing/visits/{id}/pre-settlement")
    Split preSettlement(@PathVariable long id) {
        if (access.caller().is(Role.HOSPITAL_SYSTEM)) {
            return discharge.preSettlement(id, access.actingHospital("Invoice", SmartScopes.READ));
        }
        Optional<Visit> found = visits.find(id);
        var caller = access.requireRead(found.flatMap(v -> cards.find(v.cardNumber())),
                found.map(Visit::hospital).orElse(null), "Invoice", "visit " + id,
                () -> Refused.notFound("unknown-visit", "No visit " + id));
        Split split = discharge.preSettlement(id, null);
        accessLog.read(caller, "read-pre-settlement", found.orElseThrow().cardNumber(), "visit/" + id);
        return split;
    }

    @PostMapping("/billing/visits/{id}/discharge")
    ResponseEntity<Bill> discharge(@PathVariable long id) {
        String hospital = access.actingHospital("Invoice", SmartScopes.CREATE);
        return ResponseEntity.status(HttpStatus.CREATED).body(discharge.discharge(id, hospital));
    }

    @GetMapping("/billing/bills/{id}")
    Bill bill(@PathVariable long id) {
        Optional<Bill> found = bills.find(id);
        var caller = access.requireRead(found.flatMap(b -> cards.find(b.cardNumber())),
                found.map(Bill::hospital).orElse(null), "Invoice", "bill " + id,
                () -> Refused.notFound("unknown-bill", "No bill " + id));
        Bill bill = found.orElseThrow();
        accessLog.read(caller, "read-bill", bill.cardNumber(), "bill/" + id);
        return bill;
    }
}
