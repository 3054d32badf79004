package org.onecity.imaging.mirror;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.onecity.imaging.ImagingSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Delivers the outbox: each settled study's ImagingStudy is written into the city record. When fhir-server is down
 * or refuses, the study stays in the outbox and is tried again later, so no study goes missing from the mirror.
 */
public class StudyMirror {

    private static final Logger log = LoggerFactory.getLogger(StudyMirror.class);
    private static final int BATCH = 50;

    private final MirrorOutbox outbox;
    private final CityRecord cityRecord;
    private final ImagingSettings settings;
    private final Counter delivered;

    public StudyMirror(MirrorOutbox outbox, CityRecord cityRecord, ImagingSettings settings, MeterRegistry meters) {
        this.outbox = outbox;
        this.cityRecord = cityRecord;
        this.settings = settings;
        Gauge.builder("onecity.imaging.mirror.pending", outbox, MirrorOutbox::pending)
                .description("Studies changed and not yet mirrored into the city record").register(meters);
        this.delivered = Counter.builder("onecity.imaging.mirror.delivered")
                .description("Studies written into the city record by this node").register(meters);
    }

    @Scheduled(fixedDelayString = "${onecity.imaging.mirror.interval:PT5S}", initialDelayString = "PT2S")
    public void deliver() {
        int delivered;
        do {
            delivered = round();
        } while (delivered == BATCH);
    }

    /** One round over the due studies; returns how many were looked at. */
    int round() {
        var due = outbox.claim(settings.mirror().settle(), BATCH);
        for (MirrorOutbox.Due study : due) {
            try {
                StudySnapshot snapshot = outbox.snapshot(study);
                cityRecord.put(study.hospital(), study.studyUid(),
                        ImagingStudies.of(snapshot, settings.publicUrl(), settings.mirror().zone()));
                outbox.delivered(study);
                delivered.increment();
            } catch (RuntimeException e) {
                log.info("Study {} not mirrored yet (attempt {}): {}", study.studyUid(), study.attempts() + 1,
                        e.getMessage());
                outbox.failed(study, e.getMessage() == null ? e.toString() : e.getMessage(), settings.mirror().longestDelay());
            }
        }
        return due.size();
    }
}
