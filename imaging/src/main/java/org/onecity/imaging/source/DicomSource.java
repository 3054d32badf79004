package org.onecity.imaging.source;

import java.util.List;

/**
 * A hospital's imaging systems as the city registered them.
 *
 * @param hospital     the city code of the hospital
 * @param aeTitles     the AE titles its PACS and modalities call from; no other AE title is accepted
 * @param issuers      the Issuer of Patient ID values that mean this hospital's record numbers; instances without
 *                     an issuer from one of its AE titles are taken as its record numbers too
 * @param destinations where C-MOVE may send this hospital's workstations the studies they ask for
 */
public record DicomSource(String hospital, List<String> aeTitles, List<String> issuers, List<Destination> destinations) {

    public DicomSource {
        aeTitles = aeTitles == null ? List.of() : List.copyOf(aeTitles);
        issuers = issuers == null ? List.of() : List.copyOf(issuers);
        destinations = destinations == null ? List.of() : List.copyOf(destinations);
    }

    /** A DICOM peer that receives C-STOREs: a PACS or a workstation. */
    public record Destination(String aeTitle, String host, int port) {
    }
}
