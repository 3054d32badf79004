package org.onecity.imaging.dimse;

import com.pixelmed.dicom.SetOfDicomFiles;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.MultipleInstanceTransferStatusHandler;
import com.pixelmed.network.StorageSOPClassSCU;
import org.onecity.imaging.dicom.DicomStatus;
import org.onecity.imaging.index.StudyIndex;
import org.onecity.imaging.ingest.Spool;
import org.onecity.imaging.query.Attr;
import org.onecity.imaging.query.Match;
import org.onecity.imaging.query.QueryLevel;
import org.onecity.imaging.query.StudyQuery;
import org.onecity.imaging.query.StudySearch;
import org.onecity.imaging.source.DicomSource;
import org.onecity.imaging.store.InstanceObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * C-MOVE sub-operations: the matched instances are fetched from the object store to the spool and sent by C-STORE
 * over a new association to the destination, with a pending response as each one goes.
 */
final class StudyMover {

    private static final Logger log = LoggerFactory.getLogger(StudyMover.class);
    /** Refused: out of resources, unable to perform sub-operations (PS3.4 C.4.2.1.5). */
    private static final int UNABLE_TO_PERFORM_SUBOPERATIONS = 0xA702;
    private static final int SUBOPERATIONS_WITH_FAILURES = 0xB000;

    interface Pending {
        void send(int remaining, int completed, int failed, int warning) throws DicomNetworkException;
    }

    interface Final {
        void send(int status, int completed, int failed, int warning, String comment) throws DicomNetworkException;
    }

    private final StudySearch search;
    private final StudyIndex index;
    private final InstanceObjects objects;
    private final Spool spool;
    private final String aeTitle;

    StudyMover(StudySearch search, StudyIndex index, InstanceObjects objects, Spool spool, String aeTitle) {
        this.search = search;
        this.index = index;
        this.objects = objects;
        this.spool = spool;
        this.aeTitle = aeTitle;
    }

    /** The instances a move identifier names, at whatever level it was asked. */
    List<Match> instances(StudyQuery query) {
        return search.find(new StudyQuery(QueryLevel.IMAGE, query.matching(), Set.of(), Set.of(), Integer.MAX_VALUE, 0,
                query.hospitals()));
    }

    void move(List<Match> matches, DicomSource.Destination destination, String originator, int messageId,
              Pending pending, Final done) throws DicomNetworkException {
        List<Path> files = new ArrayList<>();
        try {
            for (Match match : matches) {
                var stored = index.instance(match.uid(Attr.SOP_INSTANCE_UID)).orElse(null);
                if (stored != null) {
                    files.add(fetch(stored.objectKey()));
                }
            }
            if (files.isEmpty()) {
                done.send(DicomStatus.SUCCESS, 0, 0, 0, null);
                return;
            }
            SetOfDicomFiles set = new SetOfDicomFiles(files.stream().map(Path::toString).toArray(String[]::new));
            int total = files.size();
            int[] last = {0, 0, 0};
            DicomNetworkException[] sendFailure = {null};
            StorageSOPClassSCU scu = new StorageSOPClassSCU(destination.host(), destination.port(), destination.aeTitle(),
                    aeTitle, set, 0, new MultipleInstanceTransferStatusHandler() {
                        @Override
                        public void updateStatus(int remaining, int completed, int failed, int warning, String sop) {
                            last[0] = Math.max(0, completed - failed - warning);
                            last[1] = failed;
                            last[2] = warning;
                            try {
                                pending.send(remaining, last[0], failed, warning);
                            } catch (DicomNetworkException e) {
                                sendFailure[0] = e;
                            }
                        }
                    }, originator, messageId);
            if (sendFailure[0] != null) {
                throw sendFailure[0];
            }
            int completed = last[0];
            int failed = total - completed - last[2];
            if (scu.encounteredTrappedExceptions() && completed == 0) {
                done.send(UNABLE_TO_PERFORM_SUBOPERATIONS, 0, total, 0,
                        "Cannot store to " + destination.aeTitle() + " at " + destination.host() + ":" + destination.port());
            } else if (failed > 0) {
                done.send(SUBOPERATIONS_WITH_FAILURES, completed, failed, last[2],
                        failed + " of " + total + " sub-operations failed");
            } else {
                done.send(DicomStatus.SUCCESS, completed, 0, last[2], null);
            }
        } catch (RuntimeException e) {
            log.warn("C-MOVE to {} failed: {}", destination.aeTitle(), e.toString());
            done.send(UNABLE_TO_PERFORM_SUBOPERATIONS, 0, matches.size(), 0, "The archive cannot read the objects now");
        } catch (Exception e) {
            if (e instanceof DicomNetworkException network) {
                throw network;
            }
            log.warn("C-MOVE to {} failed: {}", destination.aeTitle(), e.toString());
            done.send(UNABLE_TO_PERFORM_SUBOPERATIONS, 0, matches.size(), 0,
                    "Cannot store to " + destination.aeTitle());
        } finally {
            files.forEach(Spool::delete);
        }
    }

    private Path fetch(String key) {
        Path file = spool.newFile();
        try (InputStream in = objects.open(key)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            Spool.delete(file);
            throw new UncheckedIOException(e);
        }
    }
}
