package org.onecity.imaging.dimse;

import org.onecity.imaging.access.AccessLog;
import org.onecity.imaging.ingest.Ingest;
import org.onecity.imaging.ingest.Reception;
import org.onecity.imaging.ingest.Spool;
import org.onecity.imaging.query.Attr;
import org.onecity.imaging.query.Match;
import org.onecity.imaging.query.StudyQuery;
import org.onecity.imaging.query.StudySearch;
import org.onecity.imaging.source.DicomSource;
import org.onecity.imaging.source.DicomSources;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** What an association needs from the rest of the service, and the rules of who may query and move what. */
record DimseServices(String aeTitle, Spool spool, Ingest ingest, Reception reception, StudySearch search,
                     StudyMover mover, DicomSources sources, AccessLog accessLog) {

    String hospitalOf(String callingAeTitle) {
        return sources.hospitalOfCaller(callingAeTitle).orElseThrow();
    }

    /**
     * A hospital's PACS queries and moves its own hospital's studies. Studies from other hospitals reach a doctor
     * through the city record, where the patient's sharing consent is decided.
     */
    Set<String> readableHospitals(String hospital) {
        return Set.of(hospital);
    }

    /** A move destination registered for the calling hospital; another hospital's workstation is not one. */
    Optional<DicomSource.Destination> destination(String hospital, String aeTitle) {
        return sources.destination(aeTitle).filter(d -> sources.destinationsOf(hospital).contains(d));
    }

    void audit(String callingAeTitle, String hospital, String action, List<Match> matches, StudyQuery query) {
        accessLog.readByPeer(callingAeTitle, hospital, action,
                matches.stream().map(m -> m.uid(Attr.STUDY_UID)).filter(Objects::nonNull).toList(),
                query.level() + " " + query.matching());
    }
}
