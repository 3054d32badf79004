package org.onecity.fhir.citypatient;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.mdm.api.IMdmLinkExpandSvc;
import ca.uhn.fhir.mdm.api.MdmConstants;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The city patient (MDM's golden record) and the hospitals' Patient records confirmed as the same person (MATCH
 * links, automatic or reviewed). Proposed links (POSSIBLE_MATCH) are not followed: they await review.
 */
public class CityPatients {

    private final IMdmLinkExpandSvc links;
    /**
     * Whether an id is a city patient's: a settled fact (a hospital's record never becomes a city patient, and a city
     * patient stays one until it is merged away), so searches that name patients need not ask the links each time.
     */
    private final Cache<String, Boolean> cityPatientIds = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    public CityPatients(IMdmLinkExpandSvc links) {
        this.links = links;
    }

    /** Whether the Patient id is a city patient's (one with linked hospital records). */
    public boolean isCityPatient(String patientId) {
        Boolean known = cityPatientIds.getIfPresent(patientId);
        if (known != null) {
            return known;
        }
        Set<String> records = recordsOfCityPatient(patientId);
        if (!records.isEmpty()) {
            cityPatientIds.put(patientId, true);
        } else if (exists(patientId)) {
            cityPatientIds.put(patientId, false);
        }
        return !records.isEmpty();
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

    private boolean exists(String patientId) {
        try {
            links.expandMdmBySourceResourceId(RequestPartitionId.allPartitions(), new IdType("Patient", patientId));
            return true;
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return false;
        }
    }

    /** HAPI answers with ids qualified or not, depending on how they were stored. */
    private static Set<String> idParts(Set<String> ids) {
        return ids.stream().map(id -> new IdType(id).getIdPart()).collect(Collectors.toSet());
    }
}
