package org.onecity.batch.support;

import org.onecity.common.test.CityTokens;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bills to settle. Through billing's own HTTP API, as hospitals make them ({@link #billed}); or many at once straight
 * into billing's tables, booked as billing's discharge books them ({@link #seed}), for runs of thousands.
 */
public class CityBills {

    public static final ZoneId CITY = ZoneId.of("Asia/Shanghai");
    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L);

    private final CityClient client;
    private final JdbcClient db;

    public CityBills(CityClient client, JdbcClient db) {
        this.client = client;
        this.db = db;
    }

    public static String newCard() {
        return "SB" + SEQUENCE.incrementAndGet();
    }

    public static String citizenId(long person) {
        return String.format("3702021980%07dX", person % 10_000_000L);
    }

    /** Registers an employee's card with this much in the personal account (yuan). */
    public String card(String personalBalance) {
        String card = newCard();
        CityClient.Answer answer = client.billing("PUT", "/billing/cards/" + card, CityTokens.admin(), Map.of(
                "citizenId", citizenId(SEQUENCE.get()), "holderName", "Holder " + card, "scheme", "EMPLOYEE",
                "insurer", "CITY-FUND", "creditLimit", "50000", "personalBalance", personalBalance));
        require(answer, 201);
        return card;
    }

    /** An outpatient visit at the hospital with these lines, discharged: answers the bill. */
    public CityClient.Answer billed(String hospital, String card, String linesJson) {
        String token = CityTokens.hospital(hospital);
        CityClient.Answer visit = client.billing("POST", "/billing/visits", token, Map.of("cardNumber", card,
                "kind", "OUTPATIENT", "hospitalVisitId", card + "-" + SEQUENCE.incrementAndGet()));
        require(visit, 201);
        long id = visit.body().path("id").asLong();
        require(client.billing("POST", "/billing/visits/" + id + "/charges", token, "{\"lines\":" + linesJson + "}"), 201);
        CityClient.Answer bill = client.billing("POST", "/billing/visits/" + id + "/discharge", token, null);
        require(bill, 201);
        return bill;
    }

    /**
     * {@code count} bills of the day spread over the hospitals, one card per ten bills, each bill 100.00 yuan: fund
     * 70.00, personal account 20.00, patient 10.00; cards, visits, bills and their ledger transactions as billing's
     * registration and discharge make them. Answers the seed's tag (card numbers start with it).
     */
    public String seed(int count, LocalDate day, List<String> hospitals) {
        String tag = "BK" + SEQUENCE.incrementAndGet() + "-";
        int cards = (count + 9) / 10;
        db.sql("""
                insert into card_account (card_number, citizen_id, holder_name, scheme, insurer, status, pay_later,
                    credit_limit_fen, personal_balance_fen, personal_held_fen, exposure_fen, counters_year)
                select :tag || c, lpad(c::text, 18, '0'), 'Seeded holder ' || c, 'EMPLOYEE', 'CITY-FUND', 'ACTIVE',
                    'ELIGIBLE', 10000000, 1000000, 0, 0, extract(year from current_date)
                from generate_series(1, :cards) c""").param("tag", tag).param("cards", cards).update();
        db.sql("""
                insert into ledger_transaction (kind, reference, booked_at)
                select 'opening-balance', card_number, now() from card_account where card_number like :tag || '%'""")
                .param("tag", tag).update();
        db.sql("""
                insert into ledger_posting (transaction_id, line, account, debit_fen, credit_fen)
                select t.id, 1, 'insurer-contributions:CITY-FUND', 1000000, 0 from ledger_transaction t
                where t.kind = 'opening-balance' and t.reference like :tag || '%'
                union all
                select t.id, 2, 'personal-account:' || t.reference, 0, 1000000 from ledger_transaction t
                where t.kind = 'opening-balance' and t.reference like :tag || '%'""").param("tag", tag).update();
        String[] codes = hospitals.toArray(String[]::new);
        db.sql("""
                insert into visit (hospital, hospital_visit_id, card_number, kind, pay_later, status, opened_at, charged_fen)
                select (:hospitals)[1 + (v % cardinality(:hospitals))], :tag || 'V' || v, :tag || (1 + (v - 1) / 10),
                    'OUTPATIENT', true, 'DISCHARGED', :at, 10000
                from generate_series(1, :count) v""")
                .param("hospitals", codes).param("tag", tag).param("count", count)
                .param("at", java.sql.Timestamp.from(day.atTime(9, 0).atZone(CITY).toInstant())).update();
        db.sql("""
                insert into bill (visit_id, card_number, hospital, insurer, policy, total_fen, outside_fen,
                    class_b_self_fen, within_scope_fen, deductible_fen, coinsurance_fen, over_cap_fen, fund_fen,
                    personal_account_fen, patient_fen, status, finalised_at, due_on)
                select v.id, v.card_number, v.hospital, 'CITY-FUND', 'SEEDED', 10000, 0, 0, 10000, 0, 3000, 0, 7000,
                    2000, 1000, 'UNPAID', cast(:at as timestamptz) + (v.id % 36000) * interval '1 second', :due
                from visit v where v.hospital_visit_id like :tag || 'V%'""")
                .param("tag", tag).param("at", java.sql.Timestamp.from(day.atTime(9, 0).atZone(CITY).toInstant()))
                .param("due", day.plusDays(30)).update();
        db.sql("""
                update card_account c set personal_held_fen = b.held, exposure_fen = b.owed
                from (select card_number, sum(personal_account_fen) as held, sum(patient_fen) as owed from bill
                      where card_number like :tag || '%' group by card_number) b
                where c.card_number = b.card_number""").param("tag", tag).update();
        db.sql("""
                insert into ledger_transaction (kind, reference, booked_at)
                select 'bill', id::text, finalised_at from bill where card_number like :tag || '%'""")
                .param("tag", tag).update();
        db.sql("""
                insert into ledger_posting (transaction_id, line, account, debit_fen, credit_fen)
                select t.id, 1, 'unsettled:CITY-FUND', b.fund_fen + b.personal_account_fen, 0
                from bill b join ledger_transaction t on t.kind = 'bill' and t.reference = b.id::text
                where b.card_number like :tag || '%'
                union all
                select t.id, 2, 'patient-receivable:' || b.card_number, b.patient_fen, 0
                from bill b join ledger_transaction t on t.kind = 'bill' and t.reference = b.id::text
                where b.card_number like :tag || '%'
                union all
                select t.id, 3, 'hospital-revenue:' || b.hospital, 0, b.total_fen
                from bill b join ledger_transaction t on t.kind = 'bill' and t.reference = b.id::text
                where b.card_number like :tag || '%'""").param("tag", tag).update();
        return tag;
    }

    private static void require(CityClient.Answer answer, int status) {
        if (answer.status() != status) {
            throw new IllegalStateException("Billing answered " + answer.status() + ": " + answer.body());
        }
    }
}
