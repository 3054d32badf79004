package org.onecity.billing.statement;

import org.onecity.billing.bill.Bill;
import org.onecity.billing.bill.Bills;
import org.onecity.billing.card.CardAccount;
import org.onecity.billing.ledger.Ledger;
import org.onecity.billing.ledger.StatementLine;
import org.onecity.billing.money.Money;
import org.onecity.billing.payment.Payment;
import org.onecity.billing.payment.Payments;
import org.onecity.billing.visit.Visit;
import org.onecity.billing.visit.Visits;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * A card's statement: its bills, the payments made on them, every ledger posting to the card's accounts, and the
 * visits still running (not billed yet), so that their split so far can be asked for.
 */
@Service
public class CardStatements {

    private final Bills bills;
    private final Payments payments;
    private final Ledger ledger;
    private final Visits visits;

    public CardStatements(Bills bills, Payments payments, Ledger ledger, Visits visits) {
        this.visits = visits;
        this.bills = bills;
        this.payments = payments;
        this.ledger = ledger;
    }

    /**
     * @param owed            what the cardholder owes: the patient receivable's balance
     * @param personalBalance the personal account's balance by the ledger
     * @param openVisits      the card's visits not yet discharged
     */
    public record Statement(CardAccount card, List<Bill> bills, List<Payment> payments, List<StatementLine> postings,
                            Money owed, Money personalBalance, List<Visit> openVisits) {
    }

    @Transactional(readOnly = true)
    public Statement of(CardAccount card) {
        List<Bill> cardBills = bills.ofCard(card.cardNumber());
        List<StatementLine> postings = ledger.postingsOfCard(card.cardNumber());
        Money owed = Money.ZERO;
        Money personal = Money.ZERO;
        for (StatementLine line : postings) {
            if (line.account().startsWith("patient-receivable:")) {
                owed = owed.plus(line.debit()).minus(line.credit());
            } else {
                personal = personal.plus(line.credit()).minus(line.debit());
            }
        }
        return new Statement(card, cardBills, payments.ofBills(cardBills.stream().map(Bill::id).toList()), postings,
                owed, personal, visits.openOfCard(card.cardNumber()));
    }
}
