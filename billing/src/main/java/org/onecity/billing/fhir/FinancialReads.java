package org.onecity.billing.fhir;

import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.onecity.billing.Refused;
import org.onecity.billing.access.AccessLog;
import org.onecity.billing.access.BillingAccess;
import org.onecity.billing.card.CardAccount;
import org.onecity.billing.card.CardAccounts;
import org.onecity.common.city.CityIdentifiers;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.function.Function;

/** Reading a card's financial resources through FHIR: the same access rules and access log as the REST API. */
@Component
class FinancialReads {

    private final CardAccounts cards;
    private final BillingAccess access;
    private final AccessLog accessLog;

    FinancialReads(CardAccounts cards, BillingAccess access, AccessLog accessLog) {
        this.cards = cards;
        this.access = access;
        this.accessLog = accessLog;
    }

    /** The card, once the caller is found entitled to read {@code resourceType} of it (at {@code hospital}). */
    CardAccount card(String cardNumber, String hospital, String resourceType, String subject) {
        Optional<CardAccount> card = cards.find(cardNumber);
        accessLog.read(access.requireRead(card, hospital, resourceType, subject, () -> CardAccounts.unknown(cardNumber)),
                "read-" + resourceType, cardNumber, subject);
        return card.orElseThrow();
    }

    /**
     * A record read by its id ({@code subject}, e.g. {@code Invoice/12}), once the caller is found entitled to it:
     * someone else's record and one that does not exist are refused in the same words, which name neither its card
     * nor its hospital; only the bureau learns that it does not exist.
     */
    <T> T record(Optional<T> found, Function<T, String> cardOf, Function<T, String> hospitalOf, String resourceType,
            String subject) {
        Optional<CardAccount> card = found.flatMap(r -> cards.find(cardOf.apply(r)));
        var caller = access.requireRead(card, found.map(hospitalOf).orElse(null), resourceType, subject,
                () -> Refused.notFound("unknown-" + resourceType.toLowerCase(), "No " + subject));
        accessLog.read(caller, "read-" + resourceType, card.orElseThrow().cardNumber(), subject);
        return found.orElseThrow();
    }

    /** The card named by {@code account=Account/{card}}. */
    static String cardOfAccount(ReferenceParam account) {
        if (account.getChain() != null || account.getIdPart() == null
                || (account.getResourceType() != null && !"Account".equals(account.getResourceType()))) {
            throw new InvalidRequestException("Search by account=Account/{card number}");
        }
        return account.getIdPart();
    }

    /** The card named by {@code patient:identifier=https://fhir.onecity.example/sid/insurance-card|{card}}. */
    static String cardOfPatient(ReferenceParam patient) {
        if (!"identifier".equals(patient.getChain())) {
            throw new InvalidRequestException("Search by patient:identifier=" + CityIdentifiers.INSURANCE_CARD + "|{card}");
        }
        TokenParam token = new TokenParam();
        token.setValueAsQueryToken(null, null, null, patient.getValue());
        if (!CityIdentifiers.INSURANCE_CARD.equals(token.getSystem())) {
            throw new InvalidRequestException("Patients are named by their card: " + CityIdentifiers.INSURANCE_CARD + "|{card}");
        }
        return token.getValue();
    }
}
