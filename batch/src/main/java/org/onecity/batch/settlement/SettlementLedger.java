package org.onecity.batch.settlement;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a chunk of settlements in the caller's transaction: each bill is claimed (only a bill still unsettled is
 * taken, so no bill is settled twice), its settlement line stored, the cards' personal accounts debited of what their
 * bills held, and one balanced ledger transaction booked per settlement in billing's ledger: the fund's share to the
 * insurer's fund receivable (the claim), the personal account's share debited, the insurer's unsettled side credited.
 */
@Repository
public class SettlementLedger {

    private final JdbcTemplate jdbc;

    public SettlementLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Settles the bills still unsettled among these; answers those it settled. */
    public List<Settlement> settle(List<Settlement> settlements, long jobExecutionId, Instant at) {
        List<Settlement> claimed = claim(settlements);
        if (claimed.isEmpty()) {
            return claimed;
        }
        Timestamp now = Timestamp.from(at);
        jdbc.batchUpdate("""
                        insert into settlement (settlement_id, bill_id, job_execution_id, period, insurer, hospital,
                            insurance_type, clearing_type, visit_id, person_number, total_fen, fund_fen, account_fen,
                            refund, settled_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                claimed.stream().map(s -> new Object[] {s.settlementId(), s.billId(), jobExecutionId, s.period(),
                        s.insurer(), s.hospital(), s.insuranceType(), s.clearingType(), s.visitId(), s.personNumber(),
                        s.totalFen(), s.fundFen(), s.accountFen(), s.refund(), now}).toList());
        debitPersonalAccounts(claimed);
        book(claimed, now);
        return claimed;
    }

    private List<Settlement> claim(List<Settlement> settlements) {
        int[][] counts = jdbc.batchUpdate("""
                        update bill set claim_status = 'SETTLED', settlement_id = ?
                        where id = ? and claim_status = 'UNSETTLED'""", settlements, settlements.size(),
                (PreparedStatement ps, Settlement s) -> {
                    ps.setString(1, s.settlementId());
                    ps.setLong(2, s.billId());
                });
        List<Settlement> claimed = new ArrayList<>();
        int i = 0;
        for (int[] batch : counts) {
            for (int count : batch) {
                if (count == 1) {
                    claimed.add(settlements.get(i));
                }
                i++;
            }
        }
        return claimed;
    }

    /** One update per card, in card order: two hospitals' partitions settling one card's bills never deadlock. */
    private void debitPersonalAccounts(List<Settlement> claimed) {
        Map<String, Long> byCard = new TreeMap<>();
        for (Settlement s : claimed) {
            if (s.accountFen() != 0) {
                byCard.merge(s.cardNumber(), s.accountFen(), Long::sum);
            }
        }
        jdbc.batchUpdate("""
                        update card_account set personal_balance_fen = personal_balance_fen - ?,
                            personal_held_fen = personal_held_fen - ?
                        where card_number = ?""",
                byCard.entrySet().stream().map(e -> new Object[] {e.getValue(), e.getValue(), e.getKey()}).toList());
    }

    private void book(List<Settlement> claimed, Timestamp at) {
        List<Settlement> moving = claimed.stream().filter(s -> s.insurerSideFen() != 0)
                .sorted(Comparator.comparing(Settlement::settlementId)).toList();
        if (moving.isEmpty()) {
            return;
        }
        Map<String, Long> transactionIds = new HashMap<>();
        jdbc.execute((java.sql.Connection connection) -> {
            Array references = connection.createArrayOf("varchar",
                    moving.stream().map(Settlement::settlementId).toArray());
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into ledger_transaction (kind, reference, booked_at)
                    select 'settlement', reference, ? from unnest(?) as reference
                    returning id, reference""")) {
                insert.setTimestamp(1, at);
                insert.setArray(2, references);
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        transactionIds.put(rs.getString(2), rs.getLong(1));
                    }
                }
            }
            return null;
        });
        List<Object[]> postings = new ArrayList<>();
        for (Settlement s : moving) {
            long id = transactionIds.get(s.settlementId());
            int line = 0;
            if (s.fundFen() != 0) {
                postings.add(new Object[] {id, ++line, "fund-receivable:" + s.insurer(), s.fundFen(), 0L});
            }
            if (s.accountFen() != 0) {
                postings.add(new Object[] {id, ++line, "personal-account:" + s.cardNumber(), s.accountFen(), 0L});
            }
            postings.add(new Object[] {id, ++line, "unsettled:" + s.insurer(), 0L, s.insurerSideFen()});
        }
        jdbc.batchUpdate("insert into ledger_posting (transaction_id, line, account, debit_fen, credit_fen) "
                + "values (?, ?, ?, ?, ?)", postings);
    }
}
