package org.onecity.imaging.dimse;

import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.DicomNetworkException;
import org.onecity.imaging.dicom.DicomStatus;
import org.onecity.imaging.index.StoredInstance;
import org.onecity.imaging.index.StudyIndex;
import org.onecity.imaging.query.Attr;
import org.onecity.imaging.query.Match;
import org.onecity.imaging.query.QueryLevel;
import org.onecity.imaging.query.StudyQuery;
import org.onecity.imaging.query.StudySearch;
import org.onecity.imaging.source.DicomSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * C-MOVE and C-GET sub-operations: the matched instances are sent by C-STORE, for a C-MOVE over new associations
 * from the archive to the destination (see {@link StoreContexts}), for a C-GET over the requester's own association,
 * with a pending response as each one goes and a final status that counts them.
 */
final class StudyMover {

    private static final Logger log = LoggerFactory.getLogger(StudyMover.class);
    /** Refused: out of resources, unable to perform sub-operations (PS3.4 C.4.2.1.5). */
    static final int UNABLE_TO_PERFORM_SUBOPERATIONS = 0xA702;
    static final int SUBOPERATIONS_WITH_FAILURES = 0xB000;

    interface Pending {
        void send(int remaining, int completed, int failed, int warning) throws DicomNetworkException;
    }

    interface Final {
        void send(int status, int completed, int failed, int warning, String comment) throws DicomNetworkException;
    }

    private final StudySearch search;
    private final StudyIndex index;
    private final InstanceSender sender;
    private final String aeTitle;

    StudyMover(StudySearch search, StudyIndex index, InstanceSender sender, String aeTitle) {
        this.search = search;
        this.index = index;
        this.sender = sender;
        this.aeTitle = aeTitle;
    }

    /** The instances a move or get identifier names, at whatever level it was asked. */
    List<Match> instances(StudyQuery query) {
        return search.find(new StudyQuery(QueryLevel.IMAGE, query.matching(), Set.of(), Set.of(), Integer.MAX_VALUE, 0,
                query.hospitals()));
    }

    /** Counts of the sub-operations so far. */
    private static final class Tally {
        final int total;
        int completed;
        int failed;
        int warning;
        String lastReason;

        Tally(int total) {
            this.total = total;
        }

        void add(SubOperation outcome) {
            if (outcome.succeeded()) {
                completed++;
            } else if (outcome.warned()) {
                warning++;
            } else {
                failed++;
                lastReason = outcome.reason();
            }
        }

        int remaining() {
            return total - completed - failed - warning;
        }

        void report(Pending pending) throws DicomNetworkException {
            if (remaining() > 0) {
                pending.send(remaining(), completed, failed, warning);
            }
        }

        void finish(Final done) throws DicomNetworkException {
            if (failed > 0) {
                done.send(SUBOPERATIONS_WITH_FAILURES, completed, failed, warning, failed + " of " + total
                        + " sub-operations failed" + (lastReason == null ? "" : ": " + lastReason));
            } else {
                done.send(DicomStatus.SUCCESS, completed, 0, warning, null);
            }
        }
    }

    /** A C-MOVE: new associations to the destination, as many as the instances' contexts need. */
    void move(List<Match> matches, DicomSource.Destination destination, String originator, int messageId,
              Pending pending, Final done) throws DicomNetworkException {
        List<StoredInstance> instances = stored(matches);
        Tally tally = new Tally(instances.size());
        boolean reached = false;
        int storeMessageId = 1;
        for (StoreContexts.Batch batch : StoreContexts.plan(instances)) {
            Association association;
            try {
                association = AssociationFactory.createNewAssociation(destination.host(), destination.port(),
                        destination.aeTitle(), aeTitle, batch.contexts(), null, false);
            } catch (DicomNetworkException | IOException e) {
                log.warn("C-MOVE destination {} refused: {}", destination.aeTitle(), e.toString());
                for (StoredInstance instance : batch.instances()) {
                    tally.add(SubOperation.notSent(instance.sopInstanceUid(), "Cannot reach " + destination.aeTitle()));
                }
                continue;
            }
            reached = true;
            List<StoredInstance> left = new ArrayList<>(batch.instances());
            try {
                while (!left.isEmpty()) {
                    StoredInstance instance = left.remove(0);
                    tally.add(sender.send(association, instance, storeMessageId++, originator, messageId));
                    tally.report(pending);
                }
                association.release();
            } catch (InstanceSender.AssociationLost lost) {
                log.warn("C-MOVE to {}: {}", destination.aeTitle(), lost.getMessage());
                abort(association);
                tally.add(SubOperation.notSent(null, lost.getMessage()));
                for (StoredInstance instance : left) {
                    tally.add(SubOperation.notSent(instance.sopInstanceUid(), lost.getMessage()));
                }
            }
        }
        if (!reached && !instances.isEmpty()) {
            done.send(UNABLE_TO_PERFORM_SUBOPERATIONS, 0, instances.size(), 0,
                    "Cannot store to " + destination.aeTitle() + " at " + destination.host() + ":" + destination.port());
            return;
        }
        tally.finish(done);
    }

    /** A C-GET: the instances go back over the requester's association, under the storage contexts it offered. */
    void get(List<Match> matches, Association association, Pending pending, Final done)
            throws DicomNetworkException {
        List<StoredInstance> instances = stored(matches);
        Tally tally = new Tally(instances.size());
        int storeMessageId = 1;
        try {
            for (StoredInstance instance : instances) {
                tally.add(sender.send(association, instance, storeMessageId++, null, 0));
                tally.report(pending);
            }
        } catch (InstanceSender.AssociationLost lost) {
            // the requester's association is gone: no one is left to answer
            throw new DicomNetworkException(lost.getMessage());
        }
        tally.finish(done);
    }

    private List<StoredInstance> stored(List<Match> matches) {
        List<StoredInstance> instances = new ArrayList<>();
        for (Match match : matches) {
            Optional<StoredInstance> stored = index.instance(match.uid(Attr.SOP_INSTANCE_UID));
            stored.ifPresent(instances::add);
        }
        return instances;
    }

    private static void abort(Association association) {
        try {
            association.abort();
        } catch (DicomNetworkException e) {
            // already gone
        }
    }
}
