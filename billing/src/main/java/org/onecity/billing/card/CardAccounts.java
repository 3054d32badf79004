package org.onecity.billing.card;

import org.onecity.billing.Refused;
import org.onecity.billing.money.Money;
import org.onecity.billing.policy.CardYear;
import org.onecity.billing.policy.Scheme;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Card accounts in PostgreSQL. Every change to a card's money happens under its row lock ({@link #lock}). */
@Repository
public class CardAccounts {

    private static final String COLUMNS = """
            card_number, citizen_id, holder_name, scheme, insurer, status, pay_later, credit_limit_fen,
            personal_balance_fen, personal_held_fen, exposure_fen, counters_year, deductible_met_fen, fund_used_fen, admissions""";
    private static final RowMapper<CardAccount> ROW = (rs, n) -> new CardAccount(rs.getString("card_number"),
            rs.getString("citizen_id"), rs.getString("holder_name"), Scheme.valueOf(rs.getString("scheme")),
            rs.getString("insurer"), CardStatus.valueOf(rs.getString("status")),
            PayLaterStanding.valueOf(rs.getString("pay_later")), Money.fen(rs.getLong("credit_limit_fen")),
            Money.fen(rs.getLong("personal_balance_fen")), Money.fen(rs.getLong("personal_held_fen")),
            Money.fen(rs.getLong("exposure_fen")),
            new CardYear(rs.getInt("counters_year"), Money.fen(rs.getLong("deductible_met_fen")),
                    Money.fen(rs.getLong("fund_used_fen")), rs.getInt("admissions")));

    private final JdbcClient jdbc;

    public CardAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CardAccount> find(String cardNumber) {
        return jdbc.sql("select " + COLUMNS + " from card_account where card_number = ?").param(cardNumber)
                .query(ROW).optional();
    }

    /** The card, or a refusal naming it as unknown. */
    public CardAccount get(String cardNumber) {
        return find(cardNumber).orElseThrow(() -> unknown(cardNumber));
    }

    public static Refused unknown(String cardNumber) {
        return Refused.notFound("unknown-card", "No social insurance card " + cardNumber + " is registered");
    }

    /** The card, its row locked until the caller's transaction ends: charges and payments on it wait their turn. */
    public Optional<CardAccount> lock(String cardNumber) {
        return jdbc.sql("select " + COLUMNS + " from card_account where card_number = ? for update").param(cardNumber)
                .query(ROW).optional();
    }

    public List<CardAccount> ofCitizen(String citizenId) {
        return jdbc.sql("select " + COLUMNS + " from card_account where citizen_id = ? order by card_number")
                .param(citizenId).query(ROW).list();
    }

    /** A new card; false when the card number is registered already. */
    public boolean register(CardAccount card) {
        return jdbc.sql("insert into card_account (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "on conflict (card_number) do nothing")
                .params(card.cardNumber(), card.citizenId(), card.holderName(), card.scheme().name(), card.insurer(),
                        card.status().name(), card.payLater().name(), card.creditLimit().fen(),
                        card.personalBalance().fen(), card.personalHeld().fen(), card.exposure().fen(), card.year().year(),
                        card.year().deductibleMet().fen(), card.year().fundUsed().fen(), card.year().admissions())
                .update() == 1;
    }

    public void changeExposure(String cardNumber, Money change) {
        jdbc.sql("update card_account set exposure_fen = exposure_fen + ? where card_number = ?")
                .params(change.fen(), cardNumber).update();
    }

    /**
     * A final bill: the card's year moves on, its personal account's share is held until the insurer's settlement
     * debits it, its exposure changes.
     */
    public void billed(String cardNumber, CardYear year, Money personalAccountShare, Money exposureChange) {
        jdbc.sql("""
                        update card_account set counters_year = ?, deductible_met_fen = ?, fund_used_fen = ?,
                            admissions = ?, personal_held_fen = personal_held_fen + ?,
                            exposure_fen = exposure_fen + ?
                        where card_number = ?""")
                .params(year.year(), year.deductibleMet().fen(), year.fundUsed().fen(), year.admissions(),
                        personalAccountShare.fen(), exposureChange.fen(), cardNumber)
                .update();
    }

    public void status(String cardNumber, CardStatus status) {
        jdbc.sql("update card_account set status = ? where card_number = ?").params(status.name(), cardNumber).update();
    }

    public void standing(String cardNumber, PayLaterStanding standing) {
        jdbc.sql("update card_account set pay_later = ? where card_number = ?").params(standing.name(), cardNumber)
                .update();
    }

    /** Whether the card has an unpaid bill past its due date. */
    public boolean hasOverdueBill(String cardNumber, LocalDate today) {
        return jdbc.sql("select exists (select 1 from bill where card_number = ? and status = 'UNPAID' and due_on < ?)")
                .params(cardNumber, today).query(Boolean.class).single();
    }
}
