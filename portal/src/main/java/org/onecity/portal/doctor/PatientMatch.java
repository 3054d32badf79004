package org.onecity.portal.doctor;

import java.util.List;

/**
 * A person the search found: the city patient when matching has linked the hospital records, with the hospitals
 * holding records, or a single hospital record.
 */
public record PatientMatch(String id, String name, String birthDate, String citizenId, List<String> hospitals,
                           boolean cityPatient) {
}
