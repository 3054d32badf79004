package org.onecity.billing.statement;

import org.onecity.billing.bill.Bill;
import org.onecity.billing.bill.Bills;
import org.onecity.billing.card.CardAccount;
import org.onecity.billing.ledger.Ledger;
import org.onecity.billing.ledger.StatementLine;
import org.onecity.billing.money.Money;
import org.onecity.billing.payment.Payment;
import org.onecity.billing.payment.Payments;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** A card's statement: its bills, the payments made on them, and every ledger posting to the card's accounts. */
@Service
public class CardStatements {

    private final Bills bills;
    private final Payments payments;
    private final Ledger ledger;

    public CardStatements(Bills bills, Payments payments, Ledger ledger) {
        this.bills = bills;
        this.payments = payments;
        this.ledger = ledger;
    }

    /**
     * @param owed            what the cardholder owes: the patient receivable's balance
     * @param personalBalance the personal account's balance by the ledger
     */
    public record Statement(CardAccount card, List<Bill> bills, List<Payment> payments, List<StatementLine> postings,
                            Money owed, Money personalBalance) {
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
                owed, personal);
    }
}
