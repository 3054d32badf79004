package org.onecity.portal.patient;

import com.fasterxml.jackson.databind.JsonNode;
import org.onecity.portal.city.CityServices;
import org.onecity.portal.city.FhirJson;
import org.onecity.portal.city.ServiceRefused;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriUtils;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The patient's cards, bills, charges, running stays and payments, from billing with the patient's own token. */
@Component
class Billing {

    private static final String CATEGORY = "insurance-category";

    private final CityServices services;

    Billing(CityServices services) {
        this.services = services;
    }

    record Charge(String code, String category, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount,
                  String hospital, Instant posted) {
    }

    record Bill(long id, String hospital, String status, Instant finalisedAt, LocalDate dueOn, Split split) {
        boolean paid() {
            return "PAID".equals(status);
        }
    }

    record Payment(long billId, String receiptNumber, BigDecimal amount, String channel, Instant at, boolean captured) {
    }

    record Posting(Instant bookedAt, String kind, String account, BigDecimal debit, BigDecimal credit) {
    }

    record Card(String number, String scheme, String standing, BigDecimal creditLimit, BigDecimal exposure,
                BigDecimal personalBalance, BigDecimal owed, List<Bill> bills, List<Payment> payments,
                List<Charge> openCharges, List<Posting> postings, List<RunningStay> stays) {

        public BigDecimal runningTotal() {
            return openCharges.stream().map(Charge::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    List<String> cardNumbers() {
        List<String> cards = new ArrayList<>();
        FhirJson.resources(services.billing("/fhir/Account")).forEach(a -> cards.add(a.path("id").asText()));
        return cards;
    }

    Card card(String number) {
        JsonNode statement = services.billing("/cards/" + UriUtils.encodePathSegment(number, StandardCharsets.UTF_8)
                + "/statement");
        JsonNode card = statement.path("card");
        List<Bill> bills = new ArrayList<>();
        statement.path("bills").forEach(b -> bills.add(bill(b)));
        List<Payment> payments = new ArrayList<>();
        statement.path("payments").forEach(p -> payments.add(new Payment(p.path("billId").asLong(),
                p.path("receiptNumber").asText(null), money(p.path("amount")), p.path("channel").asText(""),
                FhirJson.instant(p.path("at")), p.path("captured").asBoolean())));
        List<Posting> postings = new ArrayList<>();
        statement.path("postings").forEach(l -> postings.add(new Posting(FhirJson.instant(l.path("bookedAt")),
                l.path("kind").asText(""), l.path("account").asText(""), money(l.path("debit")), money(l.path("credit")))));
        return new Card(number, card.path("scheme").asText(""), card.path("payLater").asText(card.path("status").asText("")),
                money(card.path("creditLimit")), money(card.path("exposure")), money(statement.path("personalBalance")),
                money(statement.path("owed")), bills, payments, openCharges(number), postings, stays(statement));
    }

    /** The card's visits still running, each with its split so far as billing answers it to the cardholder. */
    private List<RunningStay> stays(JsonNode statement) {
        List<RunningStay> stays = new ArrayList<>();
        for (JsonNode visit : statement.path("openVisits")) {
            long id = visit.path("id").asLong();
            stays.add(new RunningStay(id, visit.path("hospital").asText(""), visit.path("kind").asText(""),
                    money(visit.path("charged")), splitSoFar(id)));
        }
        return stays;
    }

    /**
     * Billing's pre-settlement of a running visit. Without it the page still shows the charges and their total, so
     * a refusal or no answer leaves the split out rather than the page.
     */
    private Split splitSoFar(long visit) {
        try {
            return split(services.billing("/visits/" + visit + "/pre-settlement"));
        } catch (ServiceRefused | RestClientException unavailable) {
            return null;
        }
    }

    Optional<Bill> bill(long id) {
        return Optional.of(bill(services.billing("/bills/" + id)));
    }

    /** The charges of the card not yet on a bill: the stay so far. */
    private List<Charge> openCharges(String card) {
        Set<String> billed = new HashSet<>();
        FhirJson.resources(services.billing("/fhir/Invoice?account=Account/" + query(card))).forEach(invoice ->
                invoice.path("lineItem").forEach(line -> billed.add(line.path("chargeItemReference").path("reference").asText())));
        List<Charge> charges = new ArrayList<>();
        for (JsonNode item : FhirJson.resources(services.billing("/fhir/ChargeItem?account=Account/" + query(card)))) {
            if (billed.contains("ChargeItem/" + item.path("id").asText())) {
                continue;
            }
            BigDecimal quantity = new BigDecimal(item.path("quantity").path("value").asText("0"));
            BigDecimal price = money(item.path("priceOverride").path("value"));
            String category = "";
            for (JsonNode extension : item.path("extension")) {
                if (extension.path("url").asText().endsWith(CATEGORY)) {
                    category = extension.path("valueCode").asText();
                }
            }
            charges.add(new Charge(item.path("code").path("coding").path(0).path("code").asText(""), category, quantity,
                    price, price.multiply(quantity).setScale(2), item.path("performingOrganization").path("display")
                    .asText(item.path("performingOrganization").path("identifier").path("value").asText("")),
                    FhirJson.instant(item.path("enteredDate"))));
        }
        return charges;
    }

    /** A card number from billing, as a query value: encoded like any text from elsewhere put in a URL. */
    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Pays the patient's share once: the key makes a repeat answer the first receipt. */
    JsonNode pay(long bill, BigDecimal amount, String idempotencyKey) {
        return services.billingPost("/bills/" + bill + "/payments", Map.of("amount", amount.toPlainString()),
                Map.of("Idempotency-Key", idempotencyKey));
    }

    private static Bill bill(JsonNode b) {
        return new Bill(b.path("id").asLong(), b.path("hospital").asText(""), b.path("status").asText(""),
                FhirJson.instant(b.path("finalisedAt")), day(b.path("dueOn")), split(b.path("split")));
    }

    /** A split as billing writes it, on a bill or in a pre-settlement: amounts in yuan as exact decimals. */
    static Split split(JsonNode s) {
        return new Split(s.path("policy").asText(""), money(s.path("total")), money(s.path("outsideSelfPay")),
                money(s.path("classBSelfPay")), money(s.path("withinScope")), money(s.path("deductible")),
                money(s.path("coinsurance")), money(s.path("overCap")), money(s.path("fund")),
                money(s.path("personalAccount")), money(s.path("patient")));
    }

    private static LocalDate day(JsonNode value) {
        return value.isMissingNode() || value.isNull() || value.asText().isBlank() ? null : LocalDate.parse(value.asText());
    }

    private static BigDecimal money(JsonNode value) {
        return value.isMissingNode() || value.isNull() || value.asText().isBlank() ? BigDecimal.ZERO.setScale(2)
                : new BigDecimal(value.asText()).setScale(2);
    }
}
