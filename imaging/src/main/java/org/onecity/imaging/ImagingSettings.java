package org.onecity.imaging;

import org.onecity.imaging.ingest.DuplicatePolicy;
import org.onecity.imaging.source.DicomSource;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The imaging service's settings ({@code onecity.imaging.*}).
 *
 * @param bucket          the object store bucket of the instances
 * @param spool           where incoming objects are written before they are stored; a local disk folder
 * @param publicUrl       the DICOMweb base URL viewers reach, used in bulk data URIs and the mirror's Endpoint
 * @param duplicatePolicy what a different object under an already stored SOP Instance UID does
 * @param orphanGrace     how old an object without an index row must be before the sweep removes it
 * @param dimse           the DIMSE listener
 * @param hospitals       the hospitals' PACS: their AE titles, patient ID issuers and move destinations
 * @param mirror          how studies are mirrored into the city record
 * @param memory          what incoming objects may take of the heap
 * @param codec           how compressed pixel data is decoded, for retrieval in another syntax and for rendering
 */
@ConfigurationProperties("onecity.imaging")
public record ImagingSettings(String bucket, Path spool, String publicUrl, DuplicatePolicy duplicatePolicy,
                              Duration orphanGrace, Dimse dimse, List<DicomSource> hospitals, Mirror mirror,
                              Memory memory, Codec codec) {

    public ImagingSettings {
        bucket = bucket == null ? "onecity-imaging" : bucket;
        spool = spool == null ? Path.of(System.getProperty("java.io.tmpdir"), "onecity-imaging-spool") : spool;
        publicUrl = publicUrl == null ? "http://localhost:8081/dicomweb" : publicUrl.replaceAll("/+$", "");
        duplicatePolicy = duplicatePolicy == null ? DuplicatePolicy.REJECT : duplicatePolicy;
        orphanGrace = orphanGrace == null ? Duration.ofHours(1) : orphanGrace;
        dimse = dimse == null ? new Dimse(null, null, null, 0) : dimse;
        hospitals = hospitals == null ? List.of() : List.copyOf(hospitals);
        mirror = mirror == null ? new Mirror(null, null, null, null, null, null) : mirror;
        memory = memory == null ? new Memory(null, null, null) : memory;
        codec = codec == null ? new Codec(null, null, null) : codec;
    }

    /**
     * GDCM's converter, run as a process of its own for each object decoded (see docs/imaging.md, "Transcoding").
     *
     * @param gdcmconv  the gdcmconv program (Debian's libgdcm-tools), by path or on the PATH
     * @param timeout   how long one decoding may take before the process is killed
     * @param maxOutput the largest decoded object; the process is killed when its output passes it
     */
    public record Codec(String gdcmconv, Duration timeout, org.springframework.util.unit.DataSize maxOutput) {
        public Codec {
            gdcmconv = gdcmconv == null || gdcmconv.isBlank() ? "gdcmconv" : gdcmconv;
            timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
            maxOutput = maxOutput == null ? org.springframework.util.unit.DataSize.ofGigabytes(2) : maxOutput;
        }
    }

    /**
     * What incoming objects may take of the heap (see docs/deploy.md, "Memory budgets").
     *
     * @param maxValue        the longest value, pixel data aside, read into memory: a longer one is refused
     * @param headersInFlight the bytes of objects' headers read at once; more wait, then are refused
     * @param waitAtMost      how long an object waits for room before it is refused with out of resources
     */
    public record Memory(org.springframework.util.unit.DataSize maxValue,
                         org.springframework.util.unit.DataSize headersInFlight, Duration waitAtMost) {
        public Memory {
            maxValue = maxValue == null ? org.springframework.util.unit.DataSize.ofMegabytes(16) : maxValue;
            headersInFlight = headersInFlight == null ? org.springframework.util.unit.DataSize.ofMegabytes(64) : headersInFlight;
            waitAtMost = waitAtMost == null ? Duration.ofSeconds(10) : waitAtMost;
        }
    }

    /**
     * @param fhirServer the city record's FHIR base URL; without it nothing is mirrored (changes wait in the outbox)
     * @param settle     how long a study must be quiet before it is mirrored, so a study arriving image by image is
     *                   sent once, not once per image
     * @param interval   how often the outbox is looked at
     * @param clients    each hospital's system client (id, secret): the city record records the sender from the token
     * @param zone       the city's time zone, in which DICOM dates and times are read
     * @param longestDelay the longest wait between two attempts at a study the city record did not take
     */
    public record Mirror(String fhirServer, Duration settle, Duration interval, Map<String, Client> clients,
                         java.time.ZoneId zone, Duration longestDelay) {
        public Mirror {
            longestDelay = longestDelay == null ? Duration.ofMinutes(5) : longestDelay;
            zone = zone == null ? java.time.ZoneId.of("Asia/Shanghai") : zone;
            settle = settle == null ? Duration.ofSeconds(15) : settle;
            interval = interval == null ? Duration.ofSeconds(5) : interval;
            clients = clients == null ? Map.of() : Map.copyOf(clients);
        }

        public boolean enabled() {
            return fhirServer != null && !fhirServer.isBlank();
        }
    }

    public record Client(String id, String secret) {
    }

    /**
     * @param aeTitle         the service's own AE title
     * @param bindAddress     the interface the listener binds, 127.0.0.1 unless told otherwise
     * @param port            the DIMSE port (11112, DICOM's registered port; 0 for any free one)
     * @param maxAssociations associations served at once; more wait for a free one
     */
    public record Dimse(String aeTitle, String bindAddress, Integer port, int maxAssociations) {
        public Dimse {
            aeTitle = aeTitle == null ? "ONECITY" : aeTitle;
            bindAddress = bindAddress == null ? "127.0.0.1" : bindAddress;
            port = port == null ? 11112 : port;
            maxAssociations = maxAssociations == 0 ? 16 : maxAssociations;
        }
    }
}
