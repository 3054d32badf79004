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

import java.util.List;
import java.util.Optional;

/** Finds the person a record is about, and every Patient record of a person, in the city record. */
public class Persons {

    private final DaoRegistry daos;
    private final FhirContext fhirContext;
    private final ISearchParamExtractor searchParams;

    public Persons(DaoRegistry daos, FhirContext fhirContext, ISearchParamExtractor searchParams) {
        this.daos = daos;
        this.fhirContext = fhirContext;
        this.searchParams = searchParams;
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
        try {
            IFhirResourceDao<Patient> patients = daos.getResourceDao(Patient.class);
            return Optional.of(PersonKey.of(patients.read(new IdType("Patient", patientId), new SystemRequestDetails())));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }

    /** Every Patient record (ids) the hospitals keep of the person. */
    public List<String> patientIdsOf(PersonKey person) {
        if (!person.isIdentified()) {
            return List.of(person.value());
        }
        IFhirResourceDao<Patient> patients = daos.getResourceDao(Patient.class);
        SearchParameterMap byIdentifier = SearchParameterMap.newSynchronous()
                .add(Patient.SP_IDENTIFIER, new TokenParam(person.system(), person.value()));
        return patients.search(byIdentifier, new SystemRequestDetails()).getAllResourceIds().stream()
                .map(id -> new IdType(id).getIdPart())
                .toList();
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
