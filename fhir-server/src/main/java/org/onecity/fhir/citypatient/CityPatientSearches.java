package org.onecity.fhir.citypatient;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.mdm.api.MdmConstants;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import org.hl7.fhir.r4.model.IdType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A search or $everything about a city patient spans every hospital: a reference to a city patient becomes
 * references to it and its linked hospital records, and the {@code _id} of Patient/{city patient}/$everything is
 * marked for HAPI's MDM expansion, which runs next. A hospital record stays that hospital's record unless the
 * client asks for the expansion itself ({@code :mdm}, {@code _mdm=true}).
 */
public class CityPatientSearches {

    private static final Set<String> PATIENT_PARAMS = Set.of("patient", "subject", "beneficiary");

    private final CityPatients cityPatients;

    public CityPatientSearches(CityPatients cityPatients) {
        this.cityPatients = cityPatients;
    }

    @Hook(value = Pointcut.STORAGE_PRESEARCH_REGISTERED,
            order = MdmConstants.ORDER_PRESEARCH_REGISTERED_MDM_SEARCH_EXPANDING_INTERCEPTOR - 1)
    public void spanHospitals(RequestDetails request, SearchParameterMap search) {
        if (request == null || request instanceof SystemRequestDetails) {
            return; // the city's own look-ups name the records they mean
        }
        for (Map.Entry<String, List<List<IQueryParameterType>>> param : search.entrySet()) {
            for (List<IQueryParameterType> ors : param.getValue()) {
                spanHospitals(param.getKey(), ors, search.getEverythingMode() != null);
            }
        }
    }

    /** Replaces a reference to a city patient by references to its records; marks $everything's _id for MDM. */
    private void spanHospitals(String name, List<IQueryParameterType> ors, boolean everything) {
        List<IQueryParameterType> spanned = new ArrayList<>(ors.size());
        for (IQueryParameterType param : ors) {
            if (param instanceof ReferenceParam reference && PATIENT_PARAMS.contains(name) && !reference.hasChain()
                    && isCityPatient(patientId(reference))) {
                cityPatients.recordsOfCityPatient(reference.getIdPart()).stream()
                        .filter(id -> ors.stream().noneMatch(p -> p instanceof ReferenceParam r && id.equals(r.getIdPart())))
                        .forEach(id -> spanned.add(new ReferenceParam("Patient/" + id)));
                spanned.add(param); // the city patient's own record stays
                continue;
            }
            if (param instanceof TokenParam id && "_id".equals(name) && everything
                    && isCityPatient(new IdType(id.getValue()).getIdPart())) {
                id.setMdmExpand(true);
            }
            spanned.add(param);
        }
        if (spanned.size() > ors.size()) {
            ors.clear();
            ors.addAll(spanned);
        }
    }

    private static String patientId(ReferenceParam reference) {
        String type = reference.getResourceType();
        return type == null || "Patient".equals(type) ? reference.getIdPart() : null;
    }

    private boolean isCityPatient(String patientId) {
        return patientId != null && !patientId.isBlank() && cityPatients.isCityPatient(patientId);
    }
}
