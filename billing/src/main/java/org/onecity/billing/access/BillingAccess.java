package org.onecity.billing.access;

import org.onecity.billing.Refused;
import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;
import org.onecity.common.security.SmartScopes;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.function.Supplier;

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
     * ({@code hospital} may be null where the data spans hospitals). Someone else's card and a card that does not exist
     * are refused in the same words, so that the answer never tells who holds a card; only the bureau learns that a
     * card (or bill) is unknown.
     *
     * @param card    the card the data belongs to, empty when the data (or its card) does not exist
     * @param what    the data, as the refusal names it ("card SC0000000001", "bill 12")
     * @param unknown the bureau's answer when the data does not exist
     */
    public CityPrincipal requireRead(Optional<? extends CardHolding> card, String hospital, String resourceType, String what,
            Supplier<Refused> unknown) {
        CityPrincipal caller = caller();
        requireScope(caller, resourceType, SmartScopes.READ);
        if (caller.is(Role.ADMIN)) {
            card.orElseThrow(unknown);
            return caller;
        }
        if (card.isEmpty() || !mayRead(caller, card.get(), hospital)) {
            throw Refused.forbidden("The caller may not see " + what);
        }
        return caller;
    }

    private static boolean mayRead(CityPrincipal caller, CardHolding card, String hospital) {
        return switch (caller.role()) {
            case ADMIN -> true;
            case PATIENT -> caller.citizenId() != null && caller.citizenId().equals(card.citizenId());
            case INSURER -> caller.insurer() != null && caller.insurer().equals(card.insurer());
            case HOSPITAL_SYSTEM -> hospital != null && hospital.equals(caller.hospital());
            case DOCTOR, SERVICE -> false;
        };
    }

    /** Paying a bill: the cardholder, or the cashier system of the hospital that billed; refused alike if none exists. */
    public CityPrincipal requirePayer(Optional<? extends CardHolding> card, String hospital, String what,
            Supplier<Refused> unknown) {
        CityPrincipal caller = caller();
        requireScope(caller, "PaymentNotice", SmartScopes.CREATE);
        boolean entitled = card.isPresent() && switch (caller.role()) {
            case PATIENT -> caller.citizenId() != null && caller.citizenId().equals(card.get().citizenId());
            case HOSPITAL_SYSTEM -> hospital.equals(caller.hospital());
            default -> false;
        };
        if (!entitled) {
            throw caller.is(Role.ADMIN) && card.isEmpty() ? unknown.get()
                    : Refused.forbidden("Only the cardholder or the billing hospital's cashier pays " + what);
        }
        return caller;
    }

    private static void requireScope(CityPrincipal caller, String resourceType, char interaction) {
        if (!caller.scopes().permits(resourceType, interaction)) {
            throw Refused.forbidden("The token's scopes do not grant '" + interaction + "' on " + resourceType);
        }
    }
}
