package org.onecity.fhir.access;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.onecity.common.security.CityPrincipal;

import java.util.List;

/** A patient records consent for their own person only: the Consent's patient is one of their Patient records. */
public class OwnConsents {

    private final Persons persons;

    public OwnConsents(Persons persons) {
        this.persons = persons;
    }

    void check(CityPrincipal patient, Consent consent) {
        List<String> own = persons.patientIdsOf(PersonKey.citizen(patient.citizenId()));
        IdType subject = consent.hasPatient() ? new IdType(consent.getPatient().getReference()) : new IdType();
        if (!"Patient".equals(subject.getResourceType()) || !own.contains(subject.getIdPart())) {
            throw new ForbiddenOperationException("A patient records consent for their own records only");
        }
    }
}
