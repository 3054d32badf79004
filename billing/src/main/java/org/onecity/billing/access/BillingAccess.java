package org.onecity.billing.access;

import org.onecity.billing.Refused;
import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;
import org.onecity.common.security.SmartScopes;
import org.springframework.stereotype.Component;

/**
 * Who may do what with the city's money, on top of a valid token: hospital systems open visits, post charges and
 * bill for their own hospital; patients see and pay their own cards' bills; insurers see their members' cards;
 * the bureau sees everything and registers cards. The token's SMART scopes must grant the FHIR resource type the
 * data corresponds to (Account for cards, ChargeItem for charges, Invoice for bills, PaymentNotice for paying).
 */
@Component
public class BillingAccess {

    /** The caller of the current request. */
    public CityPrincipal caller() {
        return CityPrincipal.current().orElseThrow(() -> Refused.forbidden("No verified token on this request"));
    }

    /** The hospital a hospital system acts for, when its token grants {@code interaction} on {@code resourceType}. */
    public String actingHospital(String resourceType, char interaction) {
        CityPrincipal caller = caller();
        requireScope(caller, resourceType, interaction);
        if (!caller.is(Role.HOSPITAL_SYSTEM) || caller.hospital() == null) {
            throw Refused.forbidden("Only a hospital's system may do this; the caller is " + caller.role().claim());
        }
        return caller.hospital();
    }

    public CityPrincipal requireAdmin(String resourceType, char interaction) {
        CityPrincipal caller = caller();
        requireScope(caller, resourceType, interaction);
        if (!caller.is(Role.ADMIN)) {
            throw Refused.forbidden("Only the health bureau may do this");
        }
        return caller;
    }

    /**
     * Reading a card's financial data: its holder, its insurer, the bureau, or the hospital the data is about
     * ({@code hospital} may be null where the data spans hospitals).
     */
    public CityPrincipal requireRead(CardHolding card, String hospital, String resourceType) {
        CityPrincipal caller = caller();
        requireScope(caller, resourceType, SmartScopes.READ);
        boolean entitled = switch (caller.role()) {
            case ADMIN -> true;
            case PATIENT -> caller.citizenId() != null && caller.citizenId().equals(card.citizenId());
            case INSURER -> caller.insurer() != null && caller.insurer().equals(card.insurer());
            case HOSPITAL_SYSTEM -> hospital != null && hospital.equals(caller.hospital());
            case DOCTOR -> false;
        };
        if (!entitled) {
            throw Refused.forbidden("The caller may not see card " + card.cardNumber() + "'s " + resourceType);
        }
        return caller;
    }

    /** Paying a bill: the cardholder, or the cashier system of the hospital that billed. */
    public CityPrincipal requirePayer(CardHolding card, String hospital) {
        CityPrincipal caller = caller();
        requireScope(caller, "PaymentNotice", SmartScopes.CREATE);
        boolean entitled = switch (caller.role()) {
            case PATIENT -> caller.citizenId() != null && caller.citizenId().equals(card.citizenId());
            case HOSPITAL_SYSTEM -> hospital.equals(caller.hospital());
            default -> false;
        };
        if (!entitled) {
            throw Refused.forbidden("Only the cardholder or the billing hospital's cashier pays this bill");
        }
        return caller;
    }

    private static void requireScope(CityPrincipal caller, String resourceType, char interaction) {
        if (!caller.scopes().permits(resourceType, interaction)) {
            throw Refused.forbidden("The token's scopes do not grant '" + interaction + "' on " + resourceType);
        }
    }
}
