package org.onecity.imaging.dicomweb;

import jakarta.servlet.http.HttpServletRequest;
import org.onecity.common.security.CityPrincipal;
import org.onecity.imaging.ImagingSettings;
import org.onecity.imaging.access.ImagingAccess;
import org.onecity.imaging.dicom.DicomStatus;
import org.onecity.imaging.dicom.ReceivedObject;
import org.onecity.imaging.ingest.Ingest;
import org.onecity.imaging.ingest.Reception;
import org.onecity.imaging.dicom.Refused;
import org.onecity.imaging.ingest.Sender;
import org.onecity.imaging.ingest.Spool;
import org.onecity.imaging.ingest.SpoolFile;
import org.onecity.imaging.ingest.Stored;
import org.onecity.imaging.store.InstanceObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * STOW-RS (PS3.18 10.5): a multipart/related body of application/dicom parts, each part streamed to the spool and
 * stored as it completes; the answer lists what was stored and what failed, with reasons.
 */
@RestController
@RequestMapping("/dicomweb")
class StowRs {

    private static final Logger log = LoggerFactory.getLogger(StowRs.class);
    static final String DICOM_JSON = "application/dicom+json";

    private final Ingest ingest;
    private final Reception reception;
    private final Spool spool;
    private final ImagingAccess access;
    private final ImagingSettings settings;

    StowRs(Ingest ingest, Reception reception, Spool spool, ImagingAccess access, ImagingSettings settings) {
        this.ingest = ingest;
        this.reception = reception;
        this.spool = spool;
        this.access = access;
        this.settings = settings;
    }

    @PostMapping(path = {"/studies", "/studies/{study}"})
    ResponseEntity<String> store(HttpServletRequest request, @PathVariable(required = false) String study)
            throws IOException {
        CityPrincipal who = CityPrincipal.current().orElseThrow();
        Sender sender = new Sender(access.storingHospital(who), who.clientId() == null ? who.subject() : who.clientId());
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase().startsWith("multipart/related")) {
            throw new DicomWebProblem(415, "STOW-RS takes multipart/related; type=\"application/dicom\", not " + contentType);
        }
        String type = parameter(contentType, "type");
        if (type != null && !type.equalsIgnoreCase("application/dicom")) {
            throw new DicomWebProblem(415, "Only application/dicom parts are accepted (the body's type is " + type + ")");
        }
        String boundary = MultipartRelated.boundary(contentType);
        if (boundary == null) {
            throw new DicomWebProblem(400, "The multipart/related content type has no boundary");
        }
        StowResponse response = new StowResponse(study == null ? null : settings.publicUrl() + "/studies/" + study);
        new MultipartRelated(request.getInputStream(), boundary).readAll(new PartSink(sender, study, response));
        return ResponseEntity.status(response.status()).contentType(MediaType.parseMediaType(DICOM_JSON))
                .body(response.json());
    }

    /** Each part goes to a spool file; once whole, it is stored and the outcome noted; the file is deleted. */
    private final class PartSink implements MultipartRelated.PartSink {

        private final Sender sender;
        private final String study;
        private final StowResponse response;
        private SpoolFile file;
        private String partType;

        PartSink(Sender sender, String study, StowResponse response) {
            this.sender = sender;
            this.study = study;
            this.response = response;
        }

        @Override
        public OutputStream open(Map<String, String> headers) throws IOException {
            partType = headers.getOrDefault("content-type", "application/dicom");
            file = spool.write();
            return file;
        }

        @Override
        public void close(OutputStream out, boolean complete) throws IOException {
            out.close();
            try {
                if (complete) {
                    storePart();
                }
            } finally {
                file.discard();
            }
        }

        private void storePart() {
            if (!partType.toLowerCase().startsWith("application/dicom")) {
                response.failed(null, null, DicomStatus.CANNOT_UNDERSTAND, "A part of type " + partType
                        + " is not an application/dicom object");
                return;
            }
            try {
                reception.receive(file, received -> {
                    store(received);
                    return null;
                });
            } catch (Refused refused) {
                response.failed(refused.sopClassUid(), refused.sopInstanceUid(), refused.status(), refused.getMessage());
            }
        }

        private void store(ReceivedObject received) {
            var a = received.attributes();
            if (study != null && !study.equals(a.studyUid())) {
                response.failed(a.sopClassUid(), a.sopInstanceUid(), DicomStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                        "The instance belongs to study " + a.studyUid() + ", not to " + study + " named in the URL");
                return;
            }
            try {
                Stored stored = ingest.store(received, sender);
                response.stored(a.sopClassUid(), a.sopInstanceUid(), settings.publicUrl() + "/studies/" + a.studyUid()
                        + "/series/" + a.seriesUid() + "/instances/" + a.sopInstanceUid(),
                        stored.outcome() == Stored.Outcome.ALREADY_STORED ? "Already stored with the same content" : null);
            } catch (Refused refused) {
                response.failed(a.sopClassUid(), a.sopInstanceUid(), refused.status(), refused.getMessage());
            } catch (InstanceObjects.ObjectStoreFailure failure) {
                log.warn("STOW-RS part not stored: {}", failure.getMessage());
                response.failed(a.sopClassUid(), a.sopInstanceUid(), DicomStatus.OUT_OF_RESOURCES,
                        "The object store is not available; nothing was stored, send it again later");
            }
        }
    }

    private static String parameter(String contentType, String name) {
        for (String parameter : contentType.split(";")) {
            String[] nameValue = parameter.trim().split("=", 2);
            if (nameValue.length == 2 && nameValue[0].trim().equalsIgnoreCase(name)) {
                return nameValue[1].trim().replaceAll("^\"|\"$", "");
            }
        }
        return null;
    }
}
