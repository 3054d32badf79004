package org.onecity.imaging.dicomweb;

import org.onecity.common.security.CityPrincipal;
import org.onecity.imaging.access.AccessLog;
import org.onecity.imaging.access.ImagingAccess;
import org.onecity.imaging.codec.TranscodingFailed;
import org.onecity.imaging.ingest.Spool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.onecity.imaging.index.StoredInstance;
import org.onecity.imaging.index.StudyReads;
import org.onecity.imaging.store.InstanceObjects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * WADO-RS (PS3.18 10.4): studies, series and instances as multipart/related application/dicom streamed from the
 * object store, as stored or in the transfer syntax the Accept header asks for ({@link AcceptedSyntaxes}); their metadata as DICOM JSON from the index; frames as their pixel bytes; rendered images.
 */
@RestController
@RequestMapping("/dicomweb")
class WadoRs {

    private static final Logger log = LoggerFactory.getLogger(WadoRs.class);

    private final StudyReads reads;
    private final InstanceObjects objects;
    private final ImagingAccess access;
    private final AccessLog accessLog;
    private final Rendering rendering;
    private final Transcoding transcoding;

    WadoRs(StudyReads reads, InstanceObjects objects, ImagingAccess access, AccessLog accessLog, Rendering rendering,
           Transcoding transcoding) {
        this.transcoding = transcoding;
        this.reads = reads;
        this.objects = objects;
        this.access = access;
        this.accessLog = accessLog;
        this.rendering = rendering;
    }

    @GetMapping("/studies/{study}")
    ResponseEntity<StreamingResponseBody> study(@PathVariable String study,
                                                @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return instances(study, null, null, accept);
    }

    @GetMapping("/studies/{study}/series/{series}")
    ResponseEntity<StreamingResponseBody> series(@PathVariable String study, @PathVariable String series,
                                                 @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return instances(study, series, null, accept);
    }

    @GetMapping("/studies/{study}/series/{series}/instances/{instance}")
    ResponseEntity<StreamingResponseBody> instance(@PathVariable String study, @PathVariable String series,
                                                   @PathVariable String instance,
                                                   @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return instances(study, series, instance, accept);
    }

    @GetMapping("/studies/{study}/metadata")
    ResponseEntity<StreamingResponseBody> studyMetadata(@PathVariable String study) {
        return metadata(study, null, null);
    }

    @GetMapping("/studies/{study}/series/{series}/metadata")
    ResponseEntity<StreamingResponseBody> seriesMetadata(@PathVariable String study, @PathVariable String series) {
        return metadata(study, series, null);
    }

    @GetMapping("/studies/{study}/series/{series}/instances/{instance}/metadata")
    ResponseEntity<StreamingResponseBody> instanceMetadata(@PathVariable String study, @PathVariable String series,
                                                           @PathVariable String instance) {
        return metadata(study, series, instance);
    }

    @GetMapping("/studies/{study}/series/{series}/instances/{instance}/frames/{frames}")
    ResponseEntity<StreamingResponseBody> frames(@PathVariable String study, @PathVariable String series,
                                                 @PathVariable String instance, @PathVariable String frames) {
        StoredInstance stored = one(study, series, instance, "retrieve-frames");
        List<Integer> numbers = frameNumbers(frames);
        var layout = reads.pixelLayout(instance)
                .orElseThrow(() -> new DicomWebProblem(404, "Instance " + instance + " has no pixel data"));
        String syntax = FrameRanges.frameSyntax(stored.transferSyntax());
        String type = FrameRanges.mediaType(syntax);
        List<Part> parts = new ArrayList<>();
        for (int frame : numbers) {
            long[] range = FrameRanges.of(stored, layout, frame);
            parts.add(new Part(layout.objectKey(), type + "; transfer-syntax=" + syntax, range[0], range[1]));
        }
        return multipart(type, parts);
    }

    @GetMapping({"/studies/{study}/series/{series}/instances/{instance}/rendered",
            "/studies/{study}/series/{series}/instances/{instance}/frames/{frame}/rendered"})
    ResponseEntity<byte[]> rendered(@PathVariable String study, @PathVariable String series, @PathVariable String instance,
                                    @PathVariable(required = false) Integer frame,
                                    @RequestParam(required = false) String window,
                                    @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        StoredInstance stored = one(study, series, instance, "retrieve-rendered");
        boolean png = accept != null && accept.contains("image/png") && !accept.contains("image/jpeg");
        byte[] image = rendering.render(stored, reads, frame == null ? 1 : frame, Rendering.Window.parse(window), png);
        return ResponseEntity.ok().contentType(png ? MediaType.IMAGE_PNG : MediaType.IMAGE_JPEG).body(image);
    }

    private ResponseEntity<StreamingResponseBody> instances(String study, String series, String instance, String accept) {
        AcceptedSyntaxes accepted = AcceptedSyntaxes.parse(accept);
        if (accepted == null) {
            throw new DicomWebProblem(406, "Instances are answered as multipart/related; type=\"application/dicom\""
                    + "; the request accepts only " + accept);
        }
        CityPrincipal who = readable(study);
        List<StoredInstance> instances = reads.instances(study, series, instance);
        if (instances.isEmpty()) {
            throw new DicomWebProblem(404, "Nothing stored under " + path(study, series, instance));
        }
        List<Part> parts = new ArrayList<>();
        for (StoredInstance stored : instances) {
            String syntax = accepted.choose(stored.transferSyntax()).orElseThrow(() -> new DicomWebProblem(406,
                    "Instance " + stored.sopInstanceUid() + " is stored in " + stored.transferSyntax()
                            + "; the archive sends it as stored or in Explicit or Implicit VR Little Endian, not in "
                            + accepted));
            String type = "application/dicom; transfer-syntax=" + syntax;
            if (syntax.equals(stored.transferSyntax())) {
                parts.add(new Part(stored.objectKey(), type, 0, -1));
            } else if (instance != null) {
                // one instance: decoded before the answer starts, so a failure is a problem with its reason
                parts.add(Part.prepared(transcoding.prepare(stored.sopInstanceUid(), stored.objectKey(), syntax), type));
            } else {
                parts.add(Part.transcoded(stored.objectKey(), type, syntax));
            }
        }
        accessLog.read(who, "retrieve", List.of(study), path(study, series, instance));
        return multipart("application/dicom", parts);
    }

    /**
     * A part of a multipart answer: an object or a byte range of it (length -1 for the whole object), an object to
     * be transcoded as it is written, or a file already transcoded.
     */
    private record Part(String objectKey, String contentType, long offset, long length, String syntax, Path file) {
        Part(String objectKey, String contentType, long offset, long length) {
            this(objectKey, contentType, offset, length, null, null);
        }

        static Part transcoded(String objectKey, String contentType, String syntax) {
            return new Part(objectKey, contentType, 0, -1, syntax, null);
        }

        static Part prepared(Path file, String contentType) {
            return new Part(null, contentType, 0, -1, null, file);
        }
    }

    /** The parts streamed one after the other from the object store, never held whole. */
    private ResponseEntity<StreamingResponseBody> multipart(String type, List<Part> parts) {
        String boundary = "onecity-" + UUID.randomUUID();
        StreamingResponseBody body = out -> {
            try {
                for (Part part : parts) {
                    out.write(("--" + boundary + "\r\nContent-Type: " + part.contentType() + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    write(part, out);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            } finally {
                parts.stream().filter(p -> p.file() != null).forEach(p -> Spool.delete(p.file()));
            }
        };
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE,
                "multipart/related; type=\"" + type + "\"; boundary=" + boundary).body(body);
    }

    private void write(Part part, OutputStream out) throws IOException {
        if (part.file() != null) {
            Files.copy(part.file(), out);
        } else if (part.syntax() != null) {
            try {
                transcoding.write(part.objectKey(), part.syntax(), out);
            } catch (TranscodingFailed e) {
                // the answer has begun: ending it without its closing boundary tells the client it is incomplete
                log.warn("Retrieval of {} in {} ended: {}", part.objectKey(), part.syntax(), e.getMessage());
                throw new IOException(e.getMessage(), e);
            }
        } else {
            try (InputStream in = part.length() < 0 ? objects.open(part.objectKey())
                    : objects.open(part.objectKey(), part.offset(), part.length())) {
                in.transferTo(out);
            }
        }
    }

    private ResponseEntity<StreamingResponseBody> metadata(String study, String series, String instance) {
        CityPrincipal who = readable(study);
        if (reads.instances(study, series, instance).isEmpty()) {
            throw new DicomWebProblem(404, "Nothing stored under " + path(study, series, instance));
        }
        accessLog.read(who, "retrieve-metadata", List.of(study), path(study, series, instance));
        StreamingResponseBody body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            reads.writeMetadata(study, series, instance, writer);
            writer.flush();
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(StowRs.DICOM_JSON)).body(body);
    }

    private StoredInstance one(String study, String series, String instance, String action) {
        CityPrincipal who = readable(study);
        List<StoredInstance> found = reads.instances(study, series, instance);
        if (found.isEmpty()) {
            throw new DicomWebProblem(404, "Nothing stored under " + path(study, series, instance));
        }
        accessLog.read(who, action, List.of(study), path(study, series, instance));
        return found.get(0);
    }

    /** The caller, if it may read the study; a study it may not read is answered as one that does not exist. */
    private CityPrincipal readable(String study) {
        CityPrincipal who = CityPrincipal.current().orElseThrow();
        ImagingAccess.ReadScope scope = access.readScope(who);
        String hospital = reads.hospitalOf(study).orElseThrow(() -> new DicomWebProblem(404, "No study " + study));
        if (scope.hospitals() != null && !scope.hospitals().contains(hospital)) {
            throw new DicomWebProblem(404, "No study " + study);
        }
        if (scope.viaCityRecord()
                && access.visible(scope, Map.of(study, hospital), ImagingAccess.currentToken()).isEmpty()) {
            throw new DicomWebProblem(404, "No study " + study);
        }
        return who;
    }

    private static List<Integer> frameNumbers(String frames) {
        List<Integer> numbers = new ArrayList<>();
        for (String number : frames.split(",")) {
            try {
                int frame = Integer.parseInt(number.trim());
                if (frame < 1) {
                    throw new NumberFormatException();
                }
                numbers.add(frame);
            } catch (NumberFormatException e) {
                throw new DicomWebProblem(400, "Frame numbers are positive whole numbers, not " + number);
            }
        }
        return numbers;
    }

    private static String path(String study, String series, String instance) {
        return "/studies/" + study + (series == null ? "" : "/series/" + series)
                + (instance == null ? "" : "/instances/" + instance);
    }

}
