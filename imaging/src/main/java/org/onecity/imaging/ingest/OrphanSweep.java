package org.onecity.imaging.ingest;

import org.onecity.imaging.ImagingSettings;
import org.onecity.imaging.index.StudyIndex;
import org.onecity.imaging.store.InstanceObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes what a crash can leave behind: objects whose index row was never committed (older than the grace period,
 * so an upload in progress is never taken) and half-received spool files from before the start.
 */
@Component
public class OrphanSweep {

    private static final Logger log = LoggerFactory.getLogger(OrphanSweep.class);
    private static final int PAGE = 1000;

    private final InstanceObjects objects;
    private final StudyIndex index;
    private final Spool spool;
    private final ImagingSettings settings;

    public OrphanSweep(InstanceObjects objects, StudyIndex index, Spool spool, ImagingSettings settings) {
        this.objects = objects;
        this.index = index;
        this.spool = spool;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void afterStart() {
        clearSpool();
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("The sweep of unindexed objects could not run now; it runs again later: {}", e.getMessage());
        }
    }

    @Scheduled(fixedDelayString = "${onecity.imaging.sweep-interval:PT1H}", initialDelayString = "${onecity.imaging.sweep-interval:PT1H}")
    public void scheduled() {
        sweep();
    }

    /** Removes the unindexed objects older than the grace period; returns how many went. */
    public int sweep() {
        Instant before = Instant.now().minus(settings.orphanGrace());
        List<InstanceObjects.StoredObject> old = objects.list(ObjectKeys.PREFIX).stream()
                .filter(o -> o.lastModified().isBefore(before)).toList();
        int removed = 0;
        for (int from = 0; from < old.size(); from += PAGE) {
            List<String> keys = old.subList(from, Math.min(old.size(), from + PAGE)).stream()
                    .map(InstanceObjects.StoredObject::key).toList();
            List<String> orphans = new ArrayList<>(keys);
            orphans.removeAll(index.indexedKeys(keys));
            for (String orphan : orphans) {
                objects.remove(orphan);
                removed++;
            }
        }
        if (removed > 0) {
            log.info("Swept {} object(s) that no index row refers to", removed);
        }
        return removed;
    }

    private void clearSpool() {
        try (Stream<Path> files = Files.list(spool.folder())) {
            files.forEach(Spool::delete);
        } catch (IOException e) {
            log.warn("Cannot clear the spool folder {}: {}", spool.folder(), e.getMessage());
        }
    }
}
