package org.onecity.imaging.source;

import org.onecity.common.city.CityIdentifiers;

import java.util.List;
import java.util.Optional;

/** The registered hospitals' DICOM systems: who may call, whose record numbers an issuer means, where to move. */
public final class DicomSources {

    private final List<DicomSource> sources;

    public DicomSources(List<DicomSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /** The hospital a calling AE title belongs to; empty for an AE title the city does not know. */
    public Optional<String> hospitalOfCaller(String callingAeTitle) {
        String ae = callingAeTitle == null ? "" : callingAeTitle.trim();
        return sources.stream().filter(s -> s.aeTitles().contains(ae)).map(DicomSource::hospital).findFirst();
    }

    /** The hospital whose record numbers an Issuer of Patient ID names. */
    public Optional<String> hospitalOfIssuer(String issuerOfPatientId) {
        return sources.stream().filter(s -> s.issuers().contains(issuerOfPatientId)).map(DicomSource::hospital).findFirst();
    }

    public Optional<DicomSource.Destination> destination(String aeTitle) {
        String ae = aeTitle == null ? "" : aeTitle.trim();
        return sources.stream().flatMap(s -> s.destinations().stream()).filter(d -> d.aeTitle().equals(ae)).findFirst();
    }

    public List<DicomSource.Destination> destinationsOf(String hospital) {
        return sources.stream().filter(s -> s.hospital().equals(hospital)).flatMap(s -> s.destinations().stream()).toList();
    }

    /** Whether the AE title is one of the city's registered callers. */
    public boolean knows(String callingAeTitle) {
        return hospitalOfCaller(callingAeTitle).isPresent();
    }

    /**
     * The patient's identity in the city record: the record-number system of the hospital the issuer names, or, for an
     * issuer the city does not know (or none), the sending hospital's own system with the issuer kept as received.
     */
    public PatientIdentity identify(String patientId, String issuerOfPatientId, String sendingHospital) {
        String hospital = issuerOfPatientId == null ? sendingHospital
                : hospitalOfIssuer(issuerOfPatientId).orElse(sendingHospital);
        String issuer = issuerOfPatientId == null ? hospital : issuerOfPatientId;
        return new PatientIdentity(issuer, patientId, hospital, CityIdentifiers.hospitalNamespace(hospital) + "mrn");
    }

    /**
     * @param issuer       the Issuer of Patient ID as received, or the hospital code when none was
     * @param recordSystem the identifier system of the hospital's record numbers in the city record
     */
    public record PatientIdentity(String issuer, String patientId, String hospital, String recordSystem) {
    }
}
