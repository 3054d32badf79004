package org.onecity.fhir.support;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.onecity.common.city.CityIdentifiers;

import java.util.List;
import java.util.Locale;

/**
 * What docs/city-record.md's integration guide asks a hospital's engine to change in an exporter's bundle, and
 * nothing more: the hospital's Organization first; on every resource that has an {@code identifier} element, an
 * identifier of the hospital's own namespace first (the exporter's value where it has one); on every Patient a
 * record number and a citizen ID; references to the hospital's practitioners by its own identifier. Narratives,
 * display-only and identifier-only references, contained resources, Provenance and shared identifiers go as the
 * exporter wrote them.
 */
public final class GuideAdaptation {

    private static final String NPI_REFERENCE = "Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|";

    private GuideAdaptation() {
    }

    public static Bundle history(String hospital, int person, int encounters) {
        Bundle bundle = ExporterHistory.of(hospital, person, encounters);
        String namespace = CityIdentifiers.hospitalNamespace(hospital);
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            ownIdentifier(resource, namespace, entry.getFullUrl());
            if (resource instanceof Patient patient) {
                patient.getIdentifier().add(0, new Identifier().setSystem(namespace + "mrn").setValue("MRN-" + person));
                patient.addIdentifier().setSystem(CityIdentifiers.CITIZEN_ID).setValue(HospitalFeed.citizenId(person));
            }
            practitionersByOwnIdentifier(resource, namespace);
        }
        Bundle.BundleEntryComponent organization = new Bundle.BundleEntryComponent().setFullUrl("urn:uuid:org-" + hospital)
                .setResource(new HospitalFeed(hospital).hospital());
        organization.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Organization");
        bundle.getEntry().add(0, organization);
        return bundle;
    }

    /** The hospital's Organization, practitioners and ward, pushed before any patient's history. */
    public static Bundle directory(String hospital) {
        String namespace = CityIdentifiers.hospitalNamespace(hospital);
        ExporterHistory.Directory directory = ExporterHistory.directory(hospital);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        HospitalFeed.add(bundle, new HospitalFeed(hospital).hospital());
        for (Practitioner practitioner : directory.practitioners()) {
            practitioner.getIdentifier().add(0, new Identifier().setSystem(namespace + "practitioner")
                    .setValue(practitioner.getIdentifierFirstRep().getValue()));
            HospitalFeed.add(bundle, practitioner);
        }
        Location ward = directory.ward();
        ownIdentifier(ward, namespace, ward.getIdentifierFirstRep().getValue());
        HospitalFeed.add(bundle, ward);
        return bundle;
    }

    private static void ownIdentifier(Resource resource, String namespace, String fallback) {
        Property identifiers = resource.getNamedProperty("identifier");
        if (identifiers == null || resource instanceof Patient) {
            return;
        }
        List<Base> existing = identifiers.getValues();
        String value = existing.isEmpty() ? fallback : ((Identifier) existing.get(0)).getValue();
        Identifier own = new Identifier().setSystem(namespace + resource.fhirType().toLowerCase(Locale.ROOT))
                .setValue(value.replace("urn:uuid:", ""));
        if (resource instanceof DocumentReference document) {
            document.getIdentifier().add(0, own);
            return;
        }
        resource.setProperty("identifier", own);
        // setProperty appends: move the hospital's own identifier to the front, where the guide puts the match key
        List<Base> all = resource.getNamedProperty("identifier").getValues();
        if (all.size() > 1) {
            reorder(resource, own);
        }
    }

    @SuppressWarnings("unchecked")
    private static void reorder(Resource resource, Identifier own) {
        try {
            List<Identifier> list = (List<Identifier>) resource.getClass().getMethod("getIdentifier").invoke(resource);
            list.remove(own);
            list.add(0, own);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void practitionersByOwnIdentifier(Resource resource, String namespace) {
        for (Reference reference : CityRecordClient.fhir().newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            if (reference.hasReference() && reference.getReference().startsWith(NPI_REFERENCE)) {
                reference.setReference("Practitioner?identifier=" + namespace + "practitioner|"
                        + reference.getReference().substring(NPI_REFERENCE.length()));
            }
        }
    }
}
