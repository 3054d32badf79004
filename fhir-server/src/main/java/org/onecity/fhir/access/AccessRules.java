package org.onecity.fhir.access;

import org.onecity.common.security.CityPrincipal;
import org.onecity.common.security.Role;

import static org.onecity.fhir.access.Verdict.Filter.CARE_RELATIONSHIP;
import static org.onecity.fhir.access.Verdict.Filter.INSURER_MEMBERS;
import static org.onecity.fhir.access.Verdict.Filter.OWN_HOSPITAL_DATA;
import static org.onecity.fhir.access.Verdict.Filter.OWN_RECORDS;

/**
 * Who may do what with which kind of record in the city record. The SMART scopes of the token are checked first:
 * a rule can only narrow what the scopes grant, never widen it.
 * <ul>
 * <li>a hospital system writes what it sends as its own organization and reads back what its hospital sent;</li>
 * <li>a doctor reads a person's records from every hospital while caring for them (an active encounter at the
 *     doctor's hospital or a referral to it), else only by break-glass; a person's opt-out of sharing leaves a
 *     doctor the records of the doctor's own hospital;</li>
 * <li>a patient reads their own records from every hospital and their access log, and records their consent;</li>
 * <li>an insurer reads financial records of its own members and no clinical record;</li>
 * <li>the bureau's operators do everything, on record; definitions and infrastructure (search parameters,
 *     profiles, terminology, subscriptions) are theirs alone to write.</li>
 * </ul>
 * These answers are per resource type. Whether a particular stored resource may be shown or changed is decided
 * where every route passes: when it is loaded ({@link CityConsentService}) and when it is stored ({@link WriteGuard}).
 */
public final class AccessRules {

    private AccessRules() {
    }

    public static Verdict decide(CityPrincipal who, String type, Interaction interaction) {
        if (!who.scopes().permits(type, interaction.scopeLetter())) {
            return Verdict.refused("The token's scopes do not allow " + interaction.name().toLowerCase() + " of " + type);
        }
        if (who.is(Role.SERVICE)) {
            return ResourceKinds.AUDIT.equals(type) && (interaction == Interaction.CREATE || interaction == Interaction.UPDATE)
                    ? Verdict.granted() : Verdict.refused("The hub's services only relay access-log entries");
        }
        if (RequestedAccess.WHOLE_SERVER.equals(type)) {
            return wholeServer(who, interaction);
        }
        if (interaction.writes() && ResourceKinds.isDefinition(type) && !who.is(Role.ADMIN)) {
            return Verdict.refused(type + " is a definition of the city record: only the bureau writes it");
        }
        return switch (who.role()) {
            case ADMIN -> Verdict.granted();
            case HOSPITAL_SYSTEM -> hospitalSystem(type, interaction);
            case DOCTOR -> doctor(type, interaction);
            case PATIENT -> patient(type, interaction);
            case INSURER -> insurer(type, interaction);
            case SERVICE -> Verdict.refused("The hub's services only relay access-log entries");
        };
    }

    /** System-wide search and history, and operations on the whole server. */
    private static Verdict wholeServer(CityPrincipal who, Interaction interaction) {
        if (who.is(Role.ADMIN)) {
            return Verdict.granted();
        }
        if (who.is(Role.HOSPITAL_SYSTEM) && interaction == Interaction.SEARCH) {
            return Verdict.filtered(OWN_HOSPITAL_DATA);
        }
        return Verdict.refused("Reserved to the bureau's operators");
    }

    private static Verdict hospitalSystem(String type, Interaction interaction) {
        if (ResourceKinds.AUDIT.equals(type)) {
            return Verdict.refused("Hospital systems do not read the access log");
        }
        if (interaction.writes() || ResourceKinds.isOpenToAllSignedIn(type)) {
            return Verdict.granted(); // the push door checks that a hospital writes only its own records
        }
        return Verdict.filtered(OWN_HOSPITAL_DATA);
    }

    private static Verdict doctor(String type, Interaction interaction) {
        if (interaction.writes()) {
            return Verdict.refused("Doctors read the city record; their hospital's systems write it");
        }
        if (ResourceKinds.isOpenToAllSignedIn(type)) {
            return Verdict.granted();
        }
        if (ResourceKinds.AUDIT.equals(type)) {
            return Verdict.refused("The access log is for patients and the bureau");
        }
        return Verdict.filtered(CARE_RELATIONSHIP);
    }

    private static Verdict patient(String type, Interaction interaction) {
        if (interaction.writes()) {
            return ResourceKinds.CONSENT.equals(type) && interaction != Interaction.DELETE
                    ? Verdict.filtered(OWN_RECORDS)
                    : Verdict.refused("Patients record their consent; their records come from their hospitals");
        }
        if (ResourceKinds.isOpenToAllSignedIn(type)) {
            return Verdict.granted();
        }
        return Verdict.filtered(OWN_RECORDS);
    }

    private static Verdict insurer(String type, Interaction interaction) {
        if (interaction.writes()) {
            return Verdict.refused("Insurers read claims and coverage; they do not write the city record");
        }
        if (ResourceKinds.DIRECTORY.contains(type) || ResourceKinds.CONFORMANCE.contains(type)) {
            return Verdict.granted();
        }
        if (!ResourceKinds.FINANCIAL.contains(type)) {
            return Verdict.refused("Insurers see financial records of their members only, not " + type);
        }
        return Verdict.filtered(INSURER_MEMBERS);
    }

    /** Whether this role may read past the rules, stating a reason that is recorded and shown to the patient. */
    public static boolean mayBreakGlass(CityPrincipal who) {
        return who.is(Role.DOCTOR);
    }
}
