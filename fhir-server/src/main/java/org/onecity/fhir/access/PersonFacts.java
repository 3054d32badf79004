package org.onecity.fhir.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import ca.uhn.fhir.mdm.model.mdmevents.MdmLinkEvent;
import ca.uhn.fhir.mdm.model.mdmevents.MdmLinkJson;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.onecity.fhir.citypatient.CityPatients;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * What access decisions need to know about a person, remembered between requests: their Patient records, whether a
 * hospital is caring for them, whether they opted out of sharing, whether an insurer covers them. Every write that
 * changes one of these facts (a Patient, an Encounter, a referral, a Consent, a Coverage, a city patient link) forgets
 * that person's facts once it commits, on this node and, through {@link FactChanges}, on every other node before
 * its next request; the lifetime only bounds memory use, no decision waits for it.
 */
public class PersonFacts {

    private static final Set<String> FACT_TYPES = Set.of("Patient", "Encounter", "ServiceRequest", "Consent", "Coverage");

    private final Persons persons;
    private final CareRelationships care;
    private final SharingConsents sharing;
    private final FactChanges changes;
    private final Cache<String, Optional<PersonKey>> personOfPatient;
    private final Cache<PersonKey, List<String>> patientsOfPerson;
    /** Per person, so that forgetting a person is one invalidation, never a scan of everyone's answers. */
    private final Cache<PersonKey, Map<String, Boolean>> answers;

    public PersonFacts(Persons persons, CareRelationships care, SharingConsents sharing, FactChanges changes,
                       Duration lifetime) {
        this.persons = persons;
        this.care = care;
        this.sharing = sharing;
        this.changes = changes;
        this.personOfPatient = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(lifetime).build();
        this.patientsOfPerson = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(lifetime).build();
        this.answers = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(lifetime).build();
    }

    public Optional<String> patientIdOf(IBaseResource resource) {
        return persons.patientIdOf(resource);
    }

    public Optional<PersonKey> personOf(IBaseResource resource) {
        if (resource instanceof Patient patient) {
            return Optional.of(personOf(patient));
        }
        return patientIdOf(resource).flatMap(this::personOfPatient);
    }

    /** A hospital's record by its identifiers; a city patient by the hospital records linked to it. */
    public PersonKey personOf(Patient patient) {
        return CityPatients.isCityPatient(patient)
                ? personOfPatient(patient.getIdElement().getIdPart()).orElseGet(() -> PersonKey.of(patient))
                : PersonKey.of(patient);
    }

    public Optional<PersonKey> personOfPatient(String patientId) {
        Optional<PersonKey> person = personOfPatient.get(patientId, persons::personOfPatient);
        if (person.isEmpty()) {
            personOfPatient.invalidate(patientId); // a Patient not found now may be committed a moment later
        }
        return person;
    }

    public List<String> patientIdsOf(PersonKey person) {
        return patientsOfPerson.get(person, key -> {
            List<String> ids = persons.patientIdsOf(key);
            // remembered the other way round too, so that a write about any of these records finds the person
            ids.forEach(id -> personOfPatient.put(id, Optional.of(key)));
            return ids;
        });
    }

    public boolean inCare(String hospital, PersonKey person) {
        return answer(person, "care|" + hospital, () -> care.inCare(hospital, patientIdsOf(person)));
    }

    public boolean optedOut(PersonKey person) {
        return answer(person, "optout", () -> sharing.optedOut(patientIdsOf(person)));
    }

    public boolean covers(String insurer, PersonKey person) {
        return answer(person, "covers|" + insurer, () -> care.covers(insurer, patientIdsOf(person)));
    }

    private boolean answer(PersonKey person, String question, BooleanSupplier lookUp) {
        Map<String, Boolean> known = answers.get(person, p -> new ConcurrentHashMap<>());
        Boolean answer = known.get(question);
        if (answer == null) {
            // looked up outside the map's locks: two requests may both ask the database, never block each other
            answer = lookUp.getAsBoolean();
            known.put(question, answer);
        }
        return answer;
    }

    /** Storage hooks, registered on the JPA layer so that no write, REST or internal, is missed. */
    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        forgetAfterCommit(resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource) {
        forgetAfterCommit(previous);
        forgetAfterCommit(resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        forgetAfterCommit(resource);
    }

    /**
     * Matching linked a hospital's record to a city patient, or a reviewer made, changed or undid a link: whose
     * records are whose changed for everyone linked to the city patients involved.
     */
    @Hook(Pointcut.MDM_AFTER_PERSISTED_RESOURCE_CHECKED)
    public void matched(MdmLinkEvent event) {
        forgetLinked(event);
    }

    @Hook(Pointcut.MDM_POST_CREATE_LINK)
    public void linkCreated(MdmLinkEvent event) {
        forgetLinked(event);
    }

    @Hook(Pointcut.MDM_POST_UPDATE_LINK)
    public void linkUpdated(MdmLinkEvent event) {
        forgetLinked(event);
    }

    /** Merges and duplicate decisions are rare review work; everything remembered is forgotten. */
    @Hook(Pointcut.MDM_POST_MERGE_GOLDEN_RESOURCES)
    public void cityPatientsMerged() {
        forgetEveryone();
        changes.everyone();
    }

    @Hook(Pointcut.MDM_POST_NOT_DUPLICATE)
    public void notDuplicate() {
        forgetEveryone();
        changes.everyone();
    }

    private void forgetLinked(MdmLinkEvent event) {
        if (event == null) {
            return;
        }
        Set<String> ids = new HashSet<>();
        for (MdmLinkJson link : event.getMdmLinks()) {
            for (String id : new String[] {link.getGoldenResourceId(), link.getSourceId()}) {
                if (id != null) {
                    ids.addAll(persons.linkedRecords(new IdType(id).getIdPart()));
                }
            }
        }
        forgetPatients(ids);
        changes.patients(ids);
    }

    /** The records' persons, as far as this node remembers them, and the records themselves are forgotten. */
    void forgetPatients(java.util.Collection<String> patientIds) {
        for (String id : patientIds) {
            Optional<PersonKey> person = personOfPatient.getIfPresent(id);
            personOfPatient.invalidate(id);
            if (person != null) {
                person.ifPresent(this::forget);
            }
        }
    }

    void forgetEveryone() {
        personOfPatient.invalidateAll();
        patientsOfPerson.invalidateAll();
        answers.invalidateAll();
    }

    private void forgetAfterCommit(IBaseResource resource) {
        if (resource == null || !FACT_TYPES.contains(resource.fhirType())) {
            return;
        }
        // no database here: a person with remembered facts is known from the cache, anyone else has nothing to forget
        Optional<String> patientId = patientIdOf(resource);
        Optional<PersonKey> person = resource instanceof Patient patient && !CityPatients.isCityPatient(patient)
                ? Optional.of(PersonKey.of(patient))
                : patientId.map(personOfPatient::getIfPresent).flatMap(known -> known);
        Runnable forget = () -> {
            patientId.ifPresent(personOfPatient::invalidate);
            person.ifPresent(this::forget);
        };
        // the other nodes are told in the transaction: PostgreSQL delivers it when it commits
        patientId.ifPresent(id -> changes.patients(List.of(id)));
        person.ifPresent(changes::person);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget.run();
                }
            });
        } else {
            forget.run();
        }
    }

    void forget(PersonKey person) {
        patientsOfPerson.invalidate(person);
        answers.invalidate(person);
    }
}
