package org.onecity.fhir.citypatient;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.mdm.api.IMdmLinkExpandSvc;
import ca.uhn.fhir.mdm.api.MdmConstants;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
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
        Optional<Set<String>> records = expand(patientId, links::expandMdmByGoldenResourceId);
        // an unknown id is not remembered: it may be a record about to be created
        records.ifPresent(r -> cityPatientIds.put(patientId, !r.isEmpty()));
        return records.map(r -> !r.isEmpty()).orElse(false);
    }

    public static boolean isCityPatient(Patient patient) {
        return patient.getMeta().getTag(MdmConstants.SYSTEM_GOLDEN_RECORD_STATUS, MdmConstants.CODE_GOLDEN_RECORD) != null;
    }

    /** Ids of the city patient's record and every hospital record linked to it; empty when it is not a city patient. */
    public Set<String> recordsOfCityPatient(String cityPatientId) {
        return expand(cityPatientId, links::expandMdmByGoldenResourceId).orElse(Set.of());
    }

    /** Ids of every record of the same city patient as a hospital's record, its city patient's included. */
    public Set<String> recordsOfSamePerson(String patientId) {
        return expand(patientId, links::expandMdmBySourceResourceId).orElse(Set.of());
    }

    /**
     * Every record linked to the same city patient as this one, whether it is a hospital's record or the city
     * patient's, itself included.
     */
    public Set<String> linkedRecords(String patientId) {
        Set<String> ids = new TreeSet<>(recordsOfSamePerson(patientId));
        if (isCityPatient(patientId)) {
            ids.addAll(recordsOfCityPatient(patientId));
        }
        ids.add(patientId);
        return ids;
    }

    /** The linked ids, or nothing when no such Patient exists. */
    private static Optional<Set<String>> expand(String patientId,
            BiFunction<RequestPartitionId, IIdType, Set<String>> expansion) {
        try {
            return Optional.of(idParts(expansion.apply(RequestPartitionId.allPartitions(),
                    new IdType("Patient", patientId))));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }

    /** HAPI answers with ids qualified or not, depending on how they were stored. */
    private static Set<String> idParts(Set<String> ids) {
        return ids.stream().map(id -> new IdType(id).getIdPart()).collect(Collectors.toSet());
    }
}
