package org.onecity.fhir.access;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.onecity.common.city.CityIdentifiers;

import java.util.List;

/**
 * The facts access decisions rest on, read from the city record itself: whether a hospital is caring for a
 * person (an active encounter there, or an active referral to it), and whether an insurer covers a person.
 */
public class CareRelationships {

    /** Encounter states in which the hospital is caring for the patient now or is about to. */
    static final List<String> ACTIVE_ENCOUNTER = List.of("planned", "arrived", "triaged", "in-progress", "onleave");

    private final DaoRegistry daos;

    public CareRelationships(DaoRegistry daos) {
        this.daos = daos;
    }

    public boolean inCare(String hospitalCode, List<String> patientIds) {
        if (patientIds.isEmpty()) {
            return false;
        }
        SearchParameterMap encounters = SearchParameterMap.newSynchronous()
                .add(Encounter.SP_SUBJECT, patients(patientIds))
                .add(Encounter.SP_STATUS, tokens(ACTIVE_ENCOUNTER))
                .add("_tag", new TokenParam(CityIdentifiers.SOURCE_HOSPITAL_TAG, hospitalCode));
        SearchParameterMap referrals = SearchParameterMap.newSynchronous()
                .add(ServiceRequest.SP_SUBJECT, patients(patientIds))
                .add(ServiceRequest.SP_STATUS, new TokenParam("active"))
                .add(ServiceRequest.SP_PERFORMER, new ReferenceParam("Organization", "identifier",
                        CityIdentifiers.HOSPITAL_CODE + "|" + hospitalCode));
        return exists(Encounter.class, encounters) || exists(ServiceRequest.class, referrals);
    }

    public boolean covers(String insurerCode, List<String> patientIds) {
        if (patientIds.isEmpty()) {
            return false;
        }
        SearchParameterMap coverage = SearchParameterMap.newSynchronous()
                .add(Coverage.SP_BENEFICIARY, patients(patientIds))
                .add(Coverage.SP_STATUS, new TokenParam("active"))
                .add(Coverage.SP_PAYOR, new ReferenceParam("Organization", "identifier",
                        CityIdentifiers.INSURER_CODE + "|" + insurerCode));
        return exists(Coverage.class, coverage);
    }

    private <T extends IBaseResource> boolean exists(Class<T> type, SearchParameterMap search) {
        search.setCount(1);
        return !daos.getResourceDao(type).search(search, new SystemRequestDetails()).isEmpty();
    }

    static ReferenceOrListParam patients(List<String> patientIds) {
        ReferenceOrListParam any = new ReferenceOrListParam();
        patientIds.forEach(id -> any.addOr(new ReferenceParam("Patient/" + id)));
        return any;
    }

    static TokenOrListParam tokens(List<String> codes) {
        TokenOrListParam any = new TokenOrListParam();
        codes.forEach(code -> any.addOr(new TokenParam(code)));
        return any;
    }
}
