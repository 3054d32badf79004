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

    /** A registered hospital's patient by record number; empty for a hospital no source is registered for. */
    public Optional<PatientIdentity> hospitalPatient(String hospital, String patientId) {
        return sources.stream().map(DicomSource::hospital).filter(h -> h.equals(hospital)).findFirst()
                .map(h -> PatientIdentity.recordNumber(h, patientId, h));
    }

    /** Whether the AE title is one of the city's registered callers. */
    public boolean knows(String callingAeTitle) {
        return hospitalOfCaller(callingAeTitle).isPresent();
    }

    /**
     * The patient an instance belongs to (docs/imaging.md, "Patient identity across sources"): with an issuer some
     * hospital registered, that hospital's record number; without an issuer, the sending hospital's; with an issuer no
     * hospital registered, or with no Patient ID at all, a patient kept apart under the sender, which joins no
     * hospital's patient and is not mirrored into the city record until the bureau says whose it is.
     *
     * @param patientId         (0010,0020), null when empty or absent (Type 2 in most IODs)
     * @param issuerOfPatientId (0010,0021), null when empty or absent
     * @param studyUid          the instance's study: a patient without a Patient ID is kept apart per study, since
     *                          nothing says two such studies are the same person's
     */
    public PatientIdentity identify(String patientId, String issuerOfPatientId, String sendingHospital, String studyUid) {
        if (patientId == null) {
            return PatientIdentity.keptApart(KeptApart.NO_PATIENT_ID, issuerOfPatientId == null ? sendingHospital
                    : issuerOfPatientId, "", sendingHospital, "unidentified|" + sendingHospital + "|" + studyUid);
        }
        if (issuerOfPatientId == null) {
            return PatientIdentity.recordNumber(sendingHospital, patientId, sendingHospital);
        }
        return hospitalOfIssuer(issuerOfPatientId)
                .map(hospital -> PatientIdentity.recordNumber(issuerOfPatientId, patientId, hospital))
                .orElseGet(() -> PatientIdentity.keptApart(KeptApart.UNREGISTERED_ISSUER, issuerOfPatientId, patientId,
                        sendingHospital, "issuer|" + sendingHospital + "|" + issuerOfPatientId + "|" + patientId));
    }

    /** Why a patient is kept apart from the hospitals' patients. */
    public enum KeptApart {
        /** (0010,0021) names an issuer no hospital registered: its numbers may be anyone's. */
        UNREGISTERED_ISSUER,
        /** (0010,0020) is empty or absent. */
        NO_PATIENT_ID
    }

    /**
     * @param issuer       the Issuer of Patient ID as received, or the hospital code when none was
     * @param patientId    the Patient ID as received, empty when there was none
     * @param hospital     the hospital whose record number it is, or, for a patient kept apart, the sender
     * @param recordSystem the identifier system of the hospital's record numbers in the city record; null for a
     *                     patient kept apart
     * @param keptApart    why the patient is kept apart, or null when it is a hospital's record number
     * @param key          what one patient is known by in the index: the record number, or the kept-apart identity
     */
    public record PatientIdentity(String issuer, String patientId, String hospital, String recordSystem,
                                  KeptApart keptApart, String key) {

        static PatientIdentity recordNumber(String issuer, String patientId, String hospital) {
            String system = CityIdentifiers.hospitalNamespace(hospital) + "mrn";
            return new PatientIdentity(issuer, patientId, hospital, system, null, system + "|" + patientId);
        }

        static PatientIdentity keptApart(KeptApart why, String issuer, String patientId, String sender, String key) {
            return new PatientIdentity(issuer, patientId, sender, null, why, key);
        }
    }
}
