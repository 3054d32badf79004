package org.onecity.imaging.ingest;

import org.onecity.imaging.ImagingSettings;
import org.onecity.imaging.dicom.DicomJson;
import org.onecity.imaging.dicom.DicomStatus;
import org.onecity.imaging.dicom.InstanceAttributes;
import org.onecity.imaging.dicom.ReceivedObject;
import org.onecity.imaging.dicom.Refused;
import org.onecity.imaging.index.IndexEntry;
import org.onecity.imaging.index.StudyIndex;
import org.onecity.imaging.source.DicomSources;
import org.onecity.imaging.store.InstanceObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Stores one received object, the same way whether it came by C-STORE or STOW-RS: checked, then its bytes put in
 * the object store, then its index row committed. Success is returned only after both; a refusal or failure leaves
 * neither behind (an object whose row never committed, say after a crash, is removed by the sweep).
 */
public class Ingest {

    private static final Logger log = LoggerFactory.getLogger(Ingest.class);

    private final InstanceObjects objects;
    private final StudyIndex index;
    private final DicomSources sources;
    private final ImagingSettings settings;

    public Ingest(InstanceObjects objects, StudyIndex index, DicomSources sources, ImagingSettings settings) {
        this.objects = objects;
        this.index = index;
        this.sources = sources;
        this.settings = settings;
    }

    public Stored store(ReceivedObject received, Sender sender) {
        Path spoolFile = received.file();
        InstanceAttributes a = received.attributes();
        String sha256 = received.sha256();
        // judged on the data set: the same data from another AE or by another door is the same instance
        Optional<StudyIndex.StoredContent> existing = index.content(a.sopInstanceUid());
        if (existing.isPresent() && existing.get().sameAs(sha256, received.dataSetSha256())) {
            return new Stored(a, Stored.Outcome.ALREADY_STORED);
        }
        if (existing.isPresent() && settings.duplicatePolicy() == DuplicatePolicy.REJECT) {
            throw new Refused(DicomStatus.DUPLICATE_SOP_INSTANCE,
                    "Different content under this SOP Instance UID; the city store keeps the first (policy REJECT)");
        }
        String key = ObjectKeys.of(a, sha256);
        long size = SpoolFile.sizeOf(spoolFile);
        objects.put(key, spoolFile);
        String pixelKey = received.pixelFile().equals(spoolFile) ? null : key + ".inflated";
        if (pixelKey != null) {
            putOrRemove(pixelKey, received.pixelFile(), key);
        }
        String metadata = DicomJson.of(received.header(), received.pixelData() != null, framesUri(a));
        var patient = sources.identify(a.patientId(), a.issuerOfPatientId(), sender.hospital(), a.studyUid());
        IndexEntry entry = new IndexEntry(a, patient, sender.hospital(), key, size, sha256, sender.name(), metadata,
                received.pixelData(), received.dataSetSha256(), pixelKey);
        List<String> previous;
        try {
            previous = index.record(entry);
        } catch (RuntimeException e) {
            removeUnlessIndexed(key, a.sopInstanceUid());
            if (pixelKey != null) {
                removeUnlessIndexed(pixelKey, a.sopInstanceUid());
            }
            throw e;
        }
        if (!previous.isEmpty() && !previous.contains(key)) {
            previous.forEach(this::removeQuietly);
            return new Stored(a, Stored.Outcome.REPLACED);
        }
        return new Stored(a, previous.isEmpty() ? Stored.Outcome.STORED : Stored.Outcome.ALREADY_STORED);
    }

    /** The pixel data's bulk data URI in the metadata: the instance's frames, retrievable one by one. */
    private String framesUri(InstanceAttributes a) {
        int frames = a.frames() == null || a.frames() < 1 ? 1 : a.frames();
        StringBuilder uri = new StringBuilder(settings.publicUrl()).append("/studies/").append(a.studyUid())
                .append("/series/").append(a.seriesUid()).append("/instances/").append(a.sopInstanceUid())
                .append("/frames/1");
        for (int frame = 2; frame <= frames; frame++) {
            uri.append(',').append(frame);
        }
        return uri.toString();
    }

    /** The inflated copy goes up after the object; if it cannot, the object goes too and nothing is stored. */
    private void putOrRemove(String pixelKey, Path inflated, String key) {
        try {
            objects.put(pixelKey, inflated);
        } catch (RuntimeException e) {
            removeQuietly(key);
            throw e;
        }
    }

    private void removeUnlessIndexed(String key, String sopInstanceUid) {
        if (index.indexedKeys(List.of(key)).isEmpty()) {
            removeQuietly(key);
        }
    }

    private void removeQuietly(String key) {
        try {
            objects.remove(key);
        } catch (RuntimeException e) {
            log.warn("Could not remove object {} now; the sweep of unindexed objects will: {}", key, e.getMessage());
        }
    }
}
