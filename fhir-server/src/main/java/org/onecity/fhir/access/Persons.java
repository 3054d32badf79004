package org.onecity.fhir.access;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.jpa.searchparam.extractor.ISearchParamExtractor;
import ca.uhn.fhir.jpa.util.ResourceCompartmentUtil;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.onecity.common.city.CityIdentifiers;
import org.onecity.fhir.citypatient.CityPatients;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Finds the person a record is about, and every Patient record of a person, in the city record. */
public class Persons {

    private final DaoRegistry daos;
    private final FhirContext fhirContext;
    private final ISearchParamExtractor searchParams;
    private final CityPatients cityPatients;

    public Persons(DaoRegistry daos, FhirContext fhirContext, ISearchParamExtractor searchParams,
            CityPatients cityPatients) {
        this.daos = daos;
        this.fhirContext = fhirContext;
        this.searchParams = searchParams;
        this.cityPatients = cityPatients;
    }

    /** The Patient a resource belongs to (its patient compartment), if it belongs to one. */
    public Optional<String> patientIdOf(IBaseResource resource) {
        if (resource instanceof Patient patient) {
            return Optional.ofNullable(patient.getIdElement().getIdPart());
        }
        if (resource instanceof Binary binary && binary.hasSecurityContext()) {
            return patientIdOfReference(binary.getSecurityContext());
        }
        return ResourceCompartmentUtil.getPatientCompartmentIdentity(resource, fhirContext, searchParams);
    }

    /** The person a Patient record stands for. */
    public Optional<PersonKey> personOfPatient(String patientId) {
        return read(patientId).map(this::personOf);
    }

    /**
     * The person a Patient record stands for: a hospital's record by its identifiers, a city patient as the person
     * of the hospital records linked to it (it carries a citizen ID only when one of them does).
     */
    public PersonKey personOf(Patient patient) {
        if (!CityPatients.isCityPatient(patient)) {
            return PersonKey.of(patient);
        }
        String cityPatientId = patient.getIdElement().getIdPart();
        return cityPatients.recordsOfCityPatient(cityPatientId).stream()
                .filter(id -> !id.equals(cityPatientId))
                .sorted()
                .map(this::read)
                .flatMap(Optional::stream)
                .map(PersonKey::of)
                .filter(PersonKey::isIdentified)
                .findFirst()
                .orElseGet(() -> PersonKey.of(patient));
    }

    /**
     * Every Patient record (ids) of the person: those carrying the person's identifiers, and every record linked
     * with one of them to the same city patient, the city patient's own included.
     */
    public List<String> patientIdsOf(PersonKey person) {
        List<String> found = List.of(person.value()); // a record standing for itself, which may be a city patient
        if (person.isIdentified()) {
            IFhirResourceDao<Patient> patients = daos.getResourceDao(Patient.class);
            SearchParameterMap byIdentifier = SearchParameterMap.newSynchronous()
                    .add(Patient.SP_IDENTIFIER, new TokenParam(person.system(), person.value()));
            found = patients.search(byIdentifier, new SystemRequestDetails()).getAllResourceIds().stream()
                    .map(id -> new IdType(id).getIdPart()).toList();
        }
        Set<String> ids = new TreeSet<>();
        found.forEach(id -> ids.addAll(cityPatients.linkedRecords(id)));
        return List.copyOf(ids);
    }

    /** The person a citizen ID names, or the person of the Patient record carrying another identifier of theirs. */
    public Optional<PersonKey> personByIdentifier(String system, String value) {
        if (CityIdentifiers.CITIZEN_ID.equals(system)) {
            return Optional.of(PersonKey.citizen(value));
        }
        SearchParameterMap byIdentifier = SearchParameterMap.newSynchronous()
                .add(Patient.SP_IDENTIFIER, new TokenParam(system, value));
        byIdentifier.setLoadSynchronousUpTo(1);
        return daos.getResourceDao(Patient.class).search(byIdentifier, new SystemRequestDetails()).getResources(0, 1)
                .stream().findFirst().map(patient -> personOf((Patient) patient));
    }

    /** The records linked to the same city patient as this record (a city patient's or a hospital's), itself included. */
    public Set<String> linkedRecords(String patientId) {
        return cityPatients.linkedRecords(patientId);
    }

    private Optional<Patient> read(String patientId) {
        try {
            IFhirResourceDao<Patient> patients = daos.getResourceDao(Patient.class);
            return Optional.of(patients.read(new IdType("Patient", patientId), new SystemRequestDetails()));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }

    private Optional<String> patientIdOfReference(Reference reference) {
        IdType id = new IdType(reference.getReference());
        if ("Patient".equals(id.getResourceType())) {
            return Optional.of(id.getIdPart());
        }
        if (!id.hasResourceType() || !id.hasIdPart()) {
            return Optional.empty();
        }
        try {
            IBaseResource target = daos.getResourceDao(id.getResourceType()).read(id, new SystemRequestDetails());
            return patientIdOf(target);
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }
}
