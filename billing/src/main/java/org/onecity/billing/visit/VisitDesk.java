package org.onecity.billing.visit;

import org.onecity.billing.Refused;
import org.onecity.billing.card.CardAccount;
import org.onecity.billing.card.CardAccounts;
import org.onecity.billing.money.Money;
import org.onecity.billing.policy.VisitKind;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where hospitals open visits on a card and post their charges. A pay-later visit's charges count against the card's
 * credit limit as they are posted; the card's row lock makes concurrent charges on one card take turns, so together
 * they never pass the limit.
 */
@Service
public class VisitDesk {

    private final Visits visits;
    private final CardAccounts cards;
    private final ChargeRules rules;
    private final Clock clock;

    public VisitDesk(Visits visits, CardAccounts cards, ChargeRules rules, Clock clock) {
        this.visits = visits;
        this.cards = cards;
        this.rules = rules;
        this.clock = clock;
    }

    /** The outcome of posting lines: each line's charge and whether it was new, and the visit's total after. */
    public record Posting(Visit visit, List<Charge> created, List<Charge> repeated) {
    }

    /**
     * Opens a visit for the card, checking at once whether it may run without prepayment; a repeated opening with
     * the same hospital visit id answers the visit opened first.
     */
    @Transactional
    public Visit open(String hospital, String hospitalVisitId, String cardNumber, VisitKind kind) {
        if (hospitalVisitId == null || hospitalVisitId.isBlank() || hospitalVisitId.length() > 64) {
            throw Refused.unprocessable("visit-id-missing", "A visit needs the hospital's visit id (up to 64 characters)");
        }
        if (kind == null) {
            throw Refused.unprocessable("visit-kind-missing", "A visit is OUTPATIENT or INPATIENT");
        }
        Optional<Visit> opened = visits.byHospitalId(hospital, hospitalVisitId);
        if (opened.isPresent()) {
            Visit visit = opened.get();
            if (!visit.cardNumber().equals(cardNumber) || visit.kind() != kind) {
                throw Refused.conflict("visit-id-reused", "Visit " + hospitalVisitId + " was opened for card "
                        + visit.cardNumber() + " as " + visit.kind());
            }
            return visit;
        }
        CardAccount card = cards.get(cardNumber);
        Optional<String> refusal = card.payLaterRefusal(cards.hasOverdueBill(cardNumber, LocalDate.now(clock)));
        return visits.open(hospital, hospitalVisitId, cardNumber, kind, refusal.isEmpty(), refusal.orElse(null),
                clock.instant());
    }

    /**
     * Posts lines to an open visit, all or none. A line whose charge id was posted before with the same content is
     * a repeat and changes nothing; with different content the whole posting is refused.
     */
    @Transactional
    public Posting post(String hospital, long visitId, List<ChargeRequest> lines) {
        if (lines == null || lines.isEmpty()) {
            throw Refused.unprocessable("no-lines", "A posting carries at least one charge line");
        }
        Visit visit = visits.lock(visitId).filter(v -> v.hospital().equals(hospital))
                .orElseThrow(() -> Refused.notFound("unknown-visit", "Hospital " + hospital + " has no visit " + visitId));
        Map<String, Charge> charges = visits.charges(visitId);
        Map<String, Visits.PostedCharge> posted = visits.posted(hospital,
                lines.stream().map(ChargeRequest::chargeId).filter(Objects::nonNull).distinct().toList());
        List<Charge> created = new ArrayList<>();
        List<Charge> repeated = new ArrayList<>();
        Map<String, Charge> inThisPosting = new LinkedHashMap<>();
        for (ChargeRequest line : lines) {
            Visits.PostedCharge before = line.chargeId() == null ? null : posted.get(line.chargeId());
            if (before != null) {
                repeated.add(repeat(line, before, visitId, charges));
                continue;
            }
            Charge charge = rules.charge(line, charges);
            Charge twin = inThisPosting.putIfAbsent(charge.chargeId(), charge);
            if (twin != null) {
                if (!twin.equals(charge)) {
                    throw Refused.conflict("charge-id-reused", "Charge " + charge.chargeId() + " appears twice, differently");
                }
                continue;
            }
            charges.put(charge.chargeId(), charge);
            created.add(charge);
        }
        if (!created.isEmpty() && !visit.isOpen()) {
            throw Refused.conflict("visit-closed", "Visit " + visit.hospitalVisitId() + " is discharged and billed; "
                    + "it takes no more charges");
        }
        Money added = created.stream().map(Charge::amount).reduce(Money.ZERO, Money::plus);
        if (visit.payLater() && !added.isZero()) {
            CardAccount card = cards.lock(visit.cardNumber()).orElseThrow();
            if (added.isPositive()) {
                card.creditRefusal(added).ifPresent(reason -> {
                    throw Refused.unprocessable("credit-limit-exceeded", reason);
                });
            }
            cards.changeExposure(card.cardNumber(), added);
        }
        if (!created.isEmpty()) {
            visits.add(visit, created, clock.instant());
        }
        return new Posting(visit.charging(added), created, repeated);
    }

    public Optional<Visit> find(long visitId) {
        return visits.find(visitId);
    }

    public Optional<Visit> find(String hospital, String hospitalVisitId) {
        return visits.byHospitalId(hospital, hospitalVisitId);
    }

    /**
     * A line whose charge id was posted before: the same charge again (judged as if it were new, so a repeated
     * reversal is not counted against itself), or a conflict.
     */
    private Charge repeat(ChargeRequest line, Visits.PostedCharge before, long visitId, Map<String, Charge> charges) {
        Map<String, Charge> others = new LinkedHashMap<>(charges);
        others.remove(line.chargeId());
        Charge again = before.visitId() == visitId ? rules.charge(line, others) : null;
        if (!before.charge().equals(again)) {
            throw Refused.conflict("charge-id-reused", "Charge " + line.chargeId()
                    + " was posted before with different content");
        }
        return again;
    }
}
