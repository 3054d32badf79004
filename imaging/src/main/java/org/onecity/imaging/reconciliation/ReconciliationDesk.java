package org.onecity.imaging.reconciliation;

import org.onecity.common.security.CityPrincipal;
import org.onecity.imaging.access.AccessLog;
import org.onecity.imaging.access.ImagingAccess;
import org.onecity.imaging.index.KeptApartPatients;
import org.onecity.imaging.source.DicomSources;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * The bureau's desk for studies whose patient was kept apart (docs/imaging.md): it lists them with what the objects
 * say of the patient, and links one to the hospital patient the bureau found it to be. Only the bureau; each look
 * and each link is in the access log.
 */
@RestController
@RequestMapping("/reconciliation/patients")
class ReconciliationDesk {

    /** Whose patient a kept-apart patient is: a registered hospital and its record number. */
    record Link(String hospital, String patientId) {
    }

    private final KeptApartPatients patients;
    private final DicomSources sources;
    private final AccessLog accessLog;

    ReconciliationDesk(KeptApartPatients patients, DicomSources sources, AccessLog accessLog) {
        this.patients = patients;
        this.sources = sources;
        this.accessLog = accessLog;
    }

    @GetMapping
    List<KeptApartPatients.Patient> awaiting(@RequestParam(defaultValue = "100") int limit) {
        CityPrincipal bureau = bureau();
        var awaiting = patients.awaiting(Math.max(1, Math.min(limit, 1000)));
        accessLog.read(bureau, "reconciliation-list",
                awaiting.stream().flatMap(p -> p.studies().stream()).map(KeptApartPatients.Study::studyUid).toList(),
                awaiting.size() + " patients kept apart");
        return awaiting;
    }

    @PutMapping("/{id}/link")
    ResponseEntity<?> link(@PathVariable long id, @RequestBody Link link) {
        CityPrincipal bureau = bureau();
        if (link == null || link.hospital() == null || link.patientId() == null || link.patientId().isBlank()) {
            return problem(HttpStatus.BAD_REQUEST, "A link names a hospital and its patient's record number");
        }
        var hospitalPatient = sources.hospitalPatient(link.hospital(), link.patientId().strip());
        if (hospitalPatient.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, "No imaging source is registered for hospital " + link.hospital());
        }
        var moved = patients.link(id, hospitalPatient.get());
        if (moved.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "No patient " + id + " is awaiting a link");
        }
        accessLog.read(bureau, "reconciliation-link", moved.get(),
                "linked to " + link.hospital() + " record number " + link.patientId().strip());
        return ResponseEntity.ok(Map.of("studies", moved.get()));
    }

    private static CityPrincipal bureau() {
        return ImagingAccess.bureau("Only the bureau reconciles patients kept apart");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
