package org.onecity.imaging.dicomweb;

import org.onecity.common.security.CityPrincipal;
import org.onecity.imaging.access.ImagingAccess;
import org.onecity.imaging.index.StudyIndex;
import org.onecity.imaging.index.StudyReads;
import org.onecity.imaging.store.InstanceObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * A study taken back by the hospital that stored it (sent to the wrong patient, say): removed from the index in one
 * transaction that also notes it for the mirror, then its objects removed (any left behind are swept).
 */
@RestController
@RequestMapping("/dicomweb")
class StudyDeletion {

    private static final Logger log = LoggerFactory.getLogger(StudyDeletion.class);

    private final StudyIndex index;
    private final StudyReads reads;
    private final InstanceObjects objects;
    private final ImagingAccess access;

    StudyDeletion(StudyIndex index, StudyReads reads, InstanceObjects objects, ImagingAccess access) {
        this.index = index;
        this.reads = reads;
        this.objects = objects;
        this.access = access;
    }

    @DeleteMapping("/studies/{study}")
    ResponseEntity<Void> delete(@PathVariable String study) {
        CityPrincipal who = CityPrincipal.current().orElseThrow();
        String hospital = reads.hospitalOf(study).orElseThrow(() -> new DicomWebProblem(404, "No study " + study));
        access.mayDelete(who, hospital);
        List<String> keys = index.deleteStudy(study);
        for (String key : keys) {
            try {
                objects.remove(key);
            } catch (RuntimeException e) {
                log.warn("Object {} of deleted study {} left for the sweep: {}", key, study, e.getMessage());
            }
        }
        log.info("Study {} of {} deleted by {} ({} instances)", study, hospital, who.subject(), keys.size());
        return ResponseEntity.noContent().build();
    }
}
