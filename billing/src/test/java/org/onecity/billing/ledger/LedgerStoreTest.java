package org.onecity.billing.ledger;

import org.junit.jupiter.api.Test;
import org.onecity.billing.money.Money;
import org.onecity.billing.support.BillingTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ledger in PostgreSQL: append-only, balanced at every commit, and each business event booked once. */
@BillingTest
class LedgerStoreTest {

    @Autowired
    Ledger ledger;
    @Autowired
    JdbcClient db;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void aPostingCannotBeChangedOrDeleted() {
        String reference = book();

        assertThatThrownBy(() -> db.sql("update ledger_posting set debit_fen = 1 where transaction_id = "
                + "(select id from ledger_transaction where reference = ?) and debit_fen > 0").param(reference).update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.sql("delete from ledger_transaction where reference = ?").param(reference).update())
                .hasMessageContaining("append-only");
    }

    @Test
    void anUnbalancedTransactionIsRefusedWhenItCommits() {
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            long id = db.sql("insert into ledger_transaction (kind, reference, booked_at) values ('test', ?, now()) "
                    + "returning id").param(UUID.randomUUID().toString()).query(Long.class).single();
            db.sql("insert into ledger_posting values (?, 1, 'cash:test', 100, 0)").param(id).update();
            db.sql("insert into ledger_posting values (?, 2, 'hospital-revenue:H001', 0, 99)").param(id).update();
        })).hasStackTraceContaining("does not balance");
    }

    @Test
    void theSameEventIsBookedOnce() {
        String reference = UUID.randomUUID().toString();
        LedgerTransaction payment = LedgerTransaction.of("test", reference)
                .debit(LedgerAccount.cash("test"), Money.fen(500))
                .credit(LedgerAccount.patientReceivable("SIC-TEST"), Money.fen(500)).build();

        assertThat(booked(payment)).isTrue();
        assertThat(booked(payment)).isFalse();
        assertThat(db.sql("select count(*) from ledger_posting p join ledger_transaction t on t.id = p.transaction_id "
                + "where t.reference = ?").param(reference).query(Long.class).single()).isEqualTo(2);
    }

    private boolean booked(LedgerTransaction transaction) {
        Boolean booked = transactions.execute(status -> ledger.book(transaction, Instant.now()));
        return Boolean.TRUE.equals(booked);
    }

    private String book() {
        String reference = UUID.randomUUID().toString();
        transactions.executeWithoutResult(status -> ledger.book(LedgerTransaction.of("test", reference)
                .debit(LedgerAccount.cash("test"), Money.fen(100))
                .credit(LedgerAccount.hospitalRevenue("H001"), Money.fen(100)).build(), Instant.now()));
        return reference;
    }
}
