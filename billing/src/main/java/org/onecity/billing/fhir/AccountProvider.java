package org.onecity.billing.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.IdType;
import org.onecity.billing.access.BillingAccess;
import org.onecity.billing.card.CardAccounts;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;
import org.springframework.stereotype.Component;

import java.util.List;

/** A card's pay-later account; {@code Account} without parameters lists a patient's own cards. */
@Component
class AccountProvider implements IResourceProvider {

    private final FinancialReads reads;
    private final CardAccounts cards;
    private final BillingAccess access;

    AccountProvider(FinancialReads reads, CardAccounts cards, BillingAccess access) {
        this.reads = reads;
        this.cards = cards;
        this.access = access;
    }

    @Override
    public Class<Account> getResourceType() {
        return Account.class;
    }

    @Read
    public Account read(@IdParam IdType id) {
        return FinancialResources.account(reads.card(id.getIdPart(), null, "Account", "Account/" + id.getIdPart()));
    }

    @Search
    public List<Account> search(@OptionalParam(name = Account.SP_IDENTIFIER) TokenParam identifier) {
        if (identifier != null) {
            if (identifier.getSystem() != null && !CityIdentifiers.INSURANCE_CARD.equals(identifier.getSystem())) {
                return List.of();
            }
            // a card that does not exist is refused like someone else's; only the bureau gets an empty answer
            if (access.caller().is(Role.ADMIN) && cards.find(identifier.getValue()).isEmpty()) {
                return List.of();
            }
            return List.of(read(new IdType("Account", identifier.getValue())));
        }
        CityPrincipal caller = access.caller();
        if (!caller.is(Role.PATIENT) || caller.citizenId() == null) {
            throw new InvalidRequestException("Name the card: Account?identifier=" + CityIdentifiers.INSURANCE_CARD + "|{card}");
        }
        return cards.ofCitizen(caller.citizenId()).stream()
                .map(card -> read(new IdType("Account", card.cardNumber()))).toList();
    }
}
