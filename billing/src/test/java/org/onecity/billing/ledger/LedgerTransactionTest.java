package org.onecity.billing.ledger;

import org.junit.jupiter.api.Test;
import org.onecity.billing.money.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerTransactionTest {

    @Test
    void aTransactionWhoseDebitsAndCreditsDifferIsRefused() {
        assertThatThrownBy(() -> LedgerTransaction.of("bill", "1")
                .debit(LedgerAccount.patientReceivable("C1"), Money.fen(100))
                .credit(LedgerAccount.hospitalRevenue("H001"), Money.fen(99))
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ");
    }

    @Test
    void zeroSharesLeaveNoPosting() {
        LedgerTransaction bill = LedgerTransaction.of("bill", "1")
                .debit(LedgerAccount.fundReceivable("CITY-FUND"), Money.ZERO)
                .debit(LedgerAccount.patientReceivable("C1"), Money.fen(100))
                .credit(LedgerAccount.hospitalRevenue("H001"), Money.fen(100))
                .build();

        assertThat(bill.postings()).extracting(Posting::account)
                .containsExactly(LedgerAccount.patientReceivable("C1"), LedgerAccount.hospitalRevenue("H001"));
    }

    @Test
    void aPostingIsEitherADebitOrACredit() {
        assertThatThrownBy(() -> new Posting(LedgerAccount.cash("cashier"), Money.fen(1), Money.fen(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Posting.debit(LedgerAccount.cash("cashier"), Money.fen(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accountNamesReadBack() {
        assertThat(LedgerAccount.parse("personal-account:SIC-1")).isEqualTo(LedgerAccount.personalAccount("SIC-1"));
    }
}
