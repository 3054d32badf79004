package org.onecity.fhir.citypatient;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.mdm.api.IMdmLinkExpandSvc;
import ca.uhn.fhir.mdm.api.MdmConstants;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The city patient (MDM's golden record) and the hospitals' Patient records confirmed as the same person (MATCH
 * links, automatic or reviewed). Proposed links (POSSIBLE_MATCH) are not followed: they await review.
 */
public class CityPatients {

    private final IMdmLinkExpandSvc links;

    public CityPatients(IMdmLinkExpandSvc links) {
        this.links = links;
    }

    public static boolean isCityPatient(Patient patient) {
        return patient.getMeta().getTag(MdmConstants.SYSTEM_GOLDEN_RECORD_STATUS, MdmConstants.CODE_GOLDEN_RECORD) != null;
    }

    /** Ids of the city patient's record and every hospital record linked to it; empty when it is not a city patient. */
    public Set<String> recordsOfCityPatient(String cityPatientId) {
        try {
            return idParts(links.expandMdmByGoldenResourceId(RequestPartitionId.allPartitions(),
                    new IdType("Patient", cityPatientId)));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Set.of();
        }
    }

    /** Ids of every record of the same city patient as a hospital's record, its city patient's included. */
    public Set<String> recordsOfSamePerson(String patientId) {
        try {
            return idParts(links.expandMdmBySourceResourceId(RequestPartitionId.allPartitions(),
                    new IdType("Patient", patientId)));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Set.of();
        }
    }

    /** HAPI answers with ids qualified or not, depending on how they were stored. */
    private static Set<String> idParts(Set<String> ids) {
        return ids.stream().map(id -> new IdType(id).getIdPart()).collect(Collectors.toSet());
    }
}
