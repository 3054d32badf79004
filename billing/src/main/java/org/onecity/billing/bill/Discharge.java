package org.onecity.billing.bill;

import org.onecity.billing.Refused;
import org.onecity.billing.card.CardAccount;
import org.onecity.billing.card.CardAccounts;
import org.onecity.billing.ledger.Ledger;
import org.onecity.billing.ledger.LedgerAccount;
import org.onecity.billing.ledger.LedgerTransaction;
import org.onecity.billing.money.Money;
import org.onecity.billing.policy.BillableLine;
import org.onecity.billing.policy.CardYear;
import org.onecity.billing.policy.InsurancePolicy;
import org.onecity.billing.policy.InsuranceSplit;
import org.onecity.billing.policy.PolicyBook;
import org.onecity.billing.policy.Split;
import org.onecity.billing.visit.Charge;
import org.onecity.billing.visit.Visit;
import org.onecity.billing.visit.Visits;
import org.onecity.common.city.CityDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The end of a visit: a pre-settlement shows the split while charges may still come, then the final bill fixes it.
 * The final bill moves the card's year on (deductible, fund used, admissions), holds the personal account's share,
 * books the split in the ledger, and leaves the patient's share to be paid once, by its due date. The fund's and the
 * personal account's shares wait, unsettled, for the batch's insurer settlement (a claim and a debit of the card).
 */
@Service
public class Discharge {

    private final Visits visits;
    private final CardAccounts cards;
    private final Bills bills;
    private final Ledger ledger;
    private final PolicyBook policies;
    private final CityDirectory city;
    private final Clock clock;
    private final Period payWithin;

    public Discharge(Visits visits, CardAccounts cards, Bills bills, Ledger ledger, PolicyBook policies,
                     CityDirectory city, Clock clock, @Value("${onecity.billing.pay-within:P30D}") Period payWithin) {
        this.visits = visits;
        this.cards = cards;
        this.bills = bills;
        this.ledger = ledger;
        this.policies = policies;
        this.city = city;
        this.clock = clock;
        this.payWithin = payWithin;
    }

    /** The split the visit would have if it were billed now; changes nothing. */
    @Transactional(readOnly = true)
    public Split preSettlement(long visitId, String hospital) {
        Visit visit = visitOf(visitId, hospital, visits.find(visitId).orElse(null));
        if (!visit.isOpen()) {
            return bills.ofVisit(visitId).orElseThrow().split();
        }
        CardAccount card = cards.find(visit.cardNumber()).orElseThrow();
        int year = LocalDate.now(clock).getYear();
        return split(visit, card, policyFor(card, year), card.year().asOf(year));
    }

    /** Bills the visit; discharging a billed visit again answers its bill. */
    @Transactional
    public Bill discharge(long visitId, String hospital) {
        Visit visit = visitOf(visitId, hospital, visits.lock(visitId).orElse(null));
        if (!visit.isOpen()) {
            return bills.ofVisit(visitId).orElseThrow();
        }
        CardAccount card = cards.lock(visit.cardNumber()).orElseThrow();
        // as the database keeps it, so the bill answered now is the bill read later
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LocalDate today = LocalDate.now(clock);
        InsurancePolicy policy = policyFor(card, today.getYear());
        CardYear year = card.year().asOf(today.getYear());
        Split split = split(visit, card, policy, year);
        Bill unsaved = new Bill(0, visitId, card.cardNumber(), visit.hospital(), card.insurer(), split,
                split.patient().isZero() ? BillStatus.PAID : BillStatus.UNPAID, now, today.plus(payWithin),
                ClaimStatus.UNSETTLED);
        long id = bills.add(unsaved);
        // the fronted charges become the unpaid patient share
        Money exposure = (visit.payLater() ? visit.charged().negate() : Money.ZERO).plus(split.patient());
        cards.billed(card.cardNumber(), year.after(visit.kind(), policy.rulesFor(visit.kind()), split),
                split.personalAccount(), exposure);
        visits.discharged(visitId);
        if (split.total().isPositive()) {
            ledger.book(LedgerTransaction.of("bill", String.valueOf(id))
                    .debit(LedgerAccount.unsettled(card.insurer()), split.fund().plus(split.personalAccount()))
                    .debit(LedgerAccount.patientReceivable(card.cardNumber()), split.patient())
                    .credit(LedgerAccount.hospitalRevenue(visit.hospital()), split.total())
                    .build(), now);
        }
        return new Bill(id, unsaved.visitId(), unsaved.cardNumber(), unsaved.hospital(), unsaved.insurer(), split,
                unsaved.status(), now, unsaved.dueOn(), unsaved.claim());
    }

    private Split split(Visit visit, CardAccount card, InsurancePolicy policy, CardYear year) {
        List<BillableLine> lines = visits.charges(visit.id()).values().stream().map(Charge::billable).toList();
        int level = city.hospital(visit.hospital()).orElseThrow(() -> Refused.unprocessable("unknown-hospital",
                "Hospital " + visit.hospital() + " is not in the city directory")).level();
        return InsuranceSplit.of(lines, policy, visit.kind(), level, year, card.personalAvailable());
    }

    private InsurancePolicy policyFor(CardAccount card, int year) {
        return policies.policy(card.scheme(), year).orElseThrow(() -> Refused.unprocessable("no-policy",
                "No insurance policy of scheme " + card.scheme() + " is published for " + year));
    }

    private static Visit visitOf(long visitId, String hospital, Visit visit) {
        if (visit == null || (hospital != null && !visit.hospital().equals(hospital))) {
            throw Refused.notFound("unknown-visit", "No visit " + visitId + (hospital == null ? "" : " at " + hospital));
        }
        return visit;
    }
}
