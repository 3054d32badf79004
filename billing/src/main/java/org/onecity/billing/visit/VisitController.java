package org.onecity.billing.visit;

import org.onecity.billing.Refused;
import org.onecity.billing.access.AccessLog;
import org.onecity.billing.access.BillingAccess;
import org.onecity.billing.card.CardAccounts;
import org.onecity.billing.policy.VisitKind;
import org.onecity.common.security.SmartScopes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;

/** A hospital's system opens visits on a card and posts their charges. */
@RestController
@RequestMapping("/billing/visits")
class VisitController {

    private final VisitDesk desk;
    private final CardAccounts cards;
    private final BillingAccess access;
    private final AccessLog accessLog;

    VisitController(VisitDesk desk, CardAccounts cards, BillingAccess access, AccessLog accessLog) {
        this.desk = desk;
        this.cards = cards;
        this.access = access;
        this.accessLog = accessLog;
    }

    record Opening(String cardNumber, VisitKind kind, String hospitalVisitId) {
    }

    record ChargePosting(List<ChargeRequest> lines) {
    }

    record Posted(Visit visit, List<Charge> created, List<Charge> repeated) {
    }

    @PostMapping
    ResponseEntity<Visit> open(@RequestBody Opening opening) {
        String hospital = access.actingHospital("Encounter", SmartScopes.CREATE);
        if (opening.cardNumber() == null || opening.cardNumber().isBlank()) {
            throw Refused.unprocessable("card-missing", "A visit is opened on a social insurance card number");
        }
        Visit visit = desk.open(hospital, opening.hospitalVisitId(), opening.cardNumber(), opening.kind());
        // opening a visit shows the card's standing to the hospital: the cardholder sees that it happened
        accessLog.read(access.caller(), "open-visit", visit.cardNumber(), "visit/" + visit.id());
        return ResponseEntity.status(HttpStatus.CREATED).body(visit);
    }

    /** A hospital finds its visit by its own visit id. */
    @GetMapping(params = "hospitalVisitId")
    Visit byHospitalVisitId(@RequestParam String hospitalVisitId) {
        String hospital = access.actingHospital("Encounter", SmartScopes.READ);
        return desk.find(hospital, hospitalVisitId).orElseThrow(() -> Refused.notFound("unknown-visit",
                "Hospital " + hospital + " has no visit " + hospitalVisitId));
    }

    @GetMapping("/{id}")
    Visit visit(@PathVariable long id) {
        Optional<Visit> found = desk.find(id);
        var caller = access.requireRead(found.flatMap(v -> cards.find(v.cardNumber())),
                found.map(Visit::hospital).orElse(null), "Encounter", "visit " + id,
                () -> Refused.notFound("unknown-visit", "No visit " + id));
        Visit visit = found.orElseThrow();
        accessLog.read(caller, "read-visit", visit.cardNumber(), "visit/" + id);
        return visit;
    }

    /** Posts charge lines, all or none; answers 201 when any line was new and 200 when every line was a repeat. */
    @PostMapping("/{id}/charges")
    ResponseEntity<Posted> charge(@PathVariable long id, @RequestBody ChargePosting posting) {
        String hospital = access.actingHospital("ChargeItem", SmartScopes.CREATE);
        VisitDesk.Posting result = desk.post(hospital, id, posting.lines());
        return ResponseEntity.status(result.created().isEmpty() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new Posted(result.visit(), result.created(), result.repeated()));
    }
}
