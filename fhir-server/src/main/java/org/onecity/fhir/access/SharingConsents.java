package org.onecity.fhir.access;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import org.hl7.fhir.r4.model.Consent;
import org.onecity.common.city.CityIdentifiers;

import java.util.List;

/**
 * A person's choice about sharing, recorded as a FHIR Consent by the person: an active Consent of kind
 * {@code no-cross-hospital-sharing} on any of their Patient records keeps their records from other hospitals'
 * doctors, except by break-glass. Setting it inactive shares again.
 */
public class SharingConsents {

    private final DaoRegistry daos;

    public SharingConsents(DaoRegistry daos) {
        this.daos = daos;
    }

    public boolean optedOut(List<String> patientIds) {
        if (patientIds.isEmpty()) {
            return false;
        }
        SearchParameterMap optOut = SearchParameterMap.newSynchronous()
                .add(Consent.SP_PATIENT, CareRelationships.patients(patientIds))
                .add(Consent.SP_STATUS, new TokenParam("active"))
                .add(Consent.SP_CATEGORY, new TokenParam(CityIdentifiers.CONSENT_KIND, CityIdentifiers.NO_CROSS_HOSPITAL_SHARING));
        optOut.setCount(1);
        return !daos.getResourceDao(Consent.class).search(optOut, new SystemRequestDetails()).isEmpty();
    }
}
