package org.onecity.fhir.access;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.onecity.common.city.CityIdentifiers;

import java.util.Optional;

/**
 * A person of the city, across the Patient records hospitals keep of them: their citizen ID, else their social
 * insurance card number. A Patient without either stands for itself.
 */
public record PersonKey(String system, String value) {

    public static PersonKey of(Patient patient) {
        return identifier(patient, CityIdentifiers.CITIZEN_ID)
                .or(() -> identifier(patient, CityIdentifiers.INSURANCE_CARD))
                .map(id -> new PersonKey(id.getSystem(), id.getValue()))
                .orElseGet(() -> new PersonKey("Patient", patient.getIdElement().getIdPart()));
    }

    public static PersonKey citizen(String citizenId) {
        return new PersonKey(CityIdentifiers.CITIZEN_ID, citizenId);
    }

    public boolean isIdentified() {
        return !"Patient".equals(system);
    }

    /** As a token search parameter value. */
    public String token() {
        return system + "|" + value;
    }

    private static Optional<Identifier> identifier(Patient patient, String system) {
        return patient.getIdentifier().stream()
                .filter(i -> system.equals(i.getSystem()) && i.hasValue())
                .findFirst();
    }

    @Override
    public String toString() {
        return token();
    }
}
