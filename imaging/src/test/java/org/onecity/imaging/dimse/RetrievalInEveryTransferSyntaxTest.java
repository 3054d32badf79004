package org.onecity.imaging.dimse;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.onecity.common.test.CityTokens;
import org.onecity.imaging.support.Dcmtk;
import org.onecity.imaging.support.DicomWebClient;
import org.onecity.imaging.support.ImagingTest;
import org.onecity.imaging.support.PydicomFiles;
import org.onecity.imaging.support.TestImages;
import org.onecity.imaging.support.Workstation;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every object leaves the archive as it came, or decoded when the receiver takes only uncompressed data: one object
 * of each transfer syntax the archive stores (pydicom's test files, and dcmtk's encoders where pydicom has none) is
 * moved by C-MOVE to dcmtk's storescp accepting everything, accepting only explicit little endian, and accepting only
 * implicit little endian, and fetched by dcmtk's getscu (C-GET); dcmdump must read every file received, and the pixels
 * of decoded ones must be those of the original decoded by gdcmconv.
 */
@ImagingTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetrievalInEveryTransferSyntaxTest {

    private static final String EXPLICIT = "1.2.840.10008.1.2.1";
    private static final String IMPLICIT = "1.2.840.10008.1.2";
    private static final String JPEG_LOSSLESS_PROCESS_14 = "1.2.840.10008.1.2.4.57";

    @Autowired
    DimseServer dimse;
    @Autowired
    DicomWebClient dicomWeb;
    @TempDir
    static Path folder;

    String patientId;
    String studyUid;
    /** The stored copies by SOP Instance UID, and the transfer syntax each was stored in. */
    final Map<String, Path> originals = new HashMap<>();
    final Map<String, String> syntaxes = new LinkedHashMap<>();

    @BeforeAll
    void storeOneObjectOfEverySyntax() {
        patientId = "MRN-TS-" + TestImages.uid().substring(5, 13);
        studyUid = TestImages.uid();
        Path mrSmall = PydicomFiles.original("MR_small.dcm");
        Path made = folder.resolve("made");
        Map<String, Path> sources = new LinkedHashMap<>();
        sources.put(EXPLICIT, PydicomFiles.original("CT_small.dcm"));
        sources.put(IMPLICIT, PydicomFiles.original("MR_small_implicit.dcm"));
        sources.put("1.2.840.10008.1.2.1.99", PydicomFiles.original("image_dfl.dcm"));
        sources.put("1.2.840.10008.1.2.4.50", PydicomFiles.original("SC_rgb_jpeg_dcmtk.dcm"));
        sources.put("1.2.840.10008.1.2.4.51", PydicomFiles.original("JPGExtended.dcm"));
        sources.put(JPEG_LOSSLESS_PROCESS_14, encoded(mrSmall, made, "dcmcjpeg", "+el"));
        sources.put("1.2.840.10008.1.2.4.70", PydicomFiles.original("SC_rgb_jpeg_gdcm.dcm"));
        sources.put("1.2.840.10008.1.2.4.80", PydicomFiles.original("MR_small_jpeg_ls_lossless.dcm"));
        // dcmtk's near-lossless JPEG-LS takes unsigned pixels only; MR_small's are signed
        Path unsigned = TestImages.write(TestImages.ct(TestImages.study(patientId, "H001", "Ls^Near", "20261201"), 64, 64),
                made);
        sources.put("1.2.840.10008.1.2.4.81", encoded(unsigned, made, "dcmcjpls", "+en"));
        sources.put("1.2.840.10008.1.2.4.90", PydicomFiles.original("MR_small_jp2klossless.dcm"));
        sources.put("1.2.840.10008.1.2.4.91", PydicomFiles.original("JPEG2000.dcm"));
        sources.put("1.2.840.10008.1.2.5", PydicomFiles.original("MR_small_RLE.dcm"));
        List<Path> copies = new ArrayList<>();
        sources.forEach((syntax, source) -> {
            Path copy = PydicomFiles.copy(source, folder.resolve("stored"), patientId, studyUid);
            assertThat(syntaxOf(copy)).as(source.toString()).isEqualTo(syntax);
            String uid = PydicomFiles.value(PydicomFiles.header(copy), TagFromName.SOPInstanceUID);
            originals.put(uid, copy);
            syntaxes.put(uid, syntax);
            copies.add(copy);
        });
        var stored = dicomWeb.store(CityTokens.hospital("H001"), copies);
        assertThat(stored.status()).as(stored.text()).isEqualTo(200);
    }

    @Test
    void ct_small_and_a_jpeg_2000_image_moved_together_arrive_each_in_its_own_syntax() {
        String patient = "MRN-Q1-" + TestImages.uid().substring(5, 13);
        Path ct = PydicomFiles.copy(PydicomFiles.original("CT_small.dcm"), folder.resolve("quoted"), patient, null);
        // a CT in JPEG 2000, so both go under one SOP class, as in the issue
        Path jpeg2000 = PydicomFiles.copy(PydicomFiles.original("693_J2KI.dcm"), folder.resolve("quoted"), patient, null);
        Dcmtk.ok("storescu", "-aet", "H001_PACS", "-aec", "ONECITY", "127.0.0.1", port(), ct.toString());
        Dcmtk.ok("storescu", "-xw", "-aet", "H001_PACS", "-aec", "ONECITY", "127.0.0.1", port(), jpeg2000.toString());

        try (Workstation workstation = Workstation.start(folder, "H001_WS", 41104, "+xa")) {
            move("H001_WS", studyOf(ct) + "\\" + studyOf(jpeg2000));

            assertThat(workstation.received()).hasSize(2);
            for (Path file : workstation.received()) {
                Path original = syntaxOf(file).equals(EXPLICIT) ? ct : jpeg2000;
                assertThat(dataSet(file)).as(file.toString()).isEqualTo(dataSet(original));
                assertReadable(file);
            }
        }
    }

    @Test
    void a_workstation_accepting_every_syntax_receives_every_object_exactly_as_stored() {
        try (Workstation workstation = Workstation.start(folder, "H001_WS", 41104, "+xa")) {
            move("H001_WS", studyUid);

            List<Path> received = workstation.received();
            assertThat(received).hasSize(syntaxes.size());
            for (Path file : received) {
                String uid = uidOf(file);
                assertReadable(file);
                if (syntaxes.get(uid).equals(JPEG_LOSSLESS_PROCESS_14)) {
                    // storescp's +xa does not include JPEG lossless process 14 (only its SV1 form): decoded instead
                    assertThat(syntaxOf(file)).isEqualTo(EXPLICIT);
                    assertThat(PydicomFiles.pixels(file)).isEqualTo(referencePixels(originals.get(uid)));
                    continue;
                }
                assertThat(syntaxOf(file)).as(uid).isEqualTo(syntaxes.get(uid));
                // a deflated data set of odd length goes with its trailing NULL (PS3.5 A.5)
                byte[] stored = dataSet(originals.get(uid));
                byte[] sent = stored.length % 2 == 0 ? stored : java.util.Arrays.copyOf(stored, stored.length + 1);
                byte[] arrived = dataSet(file);
                assertThat(arrived.length).as(syntaxes.get(uid) + ": bytes of the data set").isEqualTo(sent.length);
                assertThat(java.util.Arrays.mismatch(arrived, sent)).as(syntaxes.get(uid) + ": first differing byte")
                        .isEqualTo(-1);
            }
        }
    }

    @Test
    void a_workstation_accepting_only_explicit_little_endian_receives_every_object_decoded() {
        try (Workstation workstation = Workstation.explicitOnly(folder, "H001_WS_EXPLICIT", 41106)) {
            move("H001_WS_EXPLICIT", studyUid);

            assertDecoded(workstation.received(), EXPLICIT);
        }
    }

    @Test
    void a_workstation_accepting_only_implicit_little_endian_receives_every_object_decoded() {
        try (Workstation workstation = Workstation.start(folder, "H001_WS_IMPLICIT", 41107, "+xi")) {
            move("H001_WS_IMPLICIT", studyUid);

            assertDecoded(workstation.received(), IMPLICIT);
        }
    }

    @Test
    void a_c_get_brings_every_object_back_over_the_requesters_association_in_what_it_accepts() throws IOException {
        Path received = Files.createDirectories(folder.resolve("get-" + System.nanoTime()));

        Dcmtk.Run get = Dcmtk.run("getscu", "-S", "-aet", "H001_PACS", "-aec", "ONECITY", "-od", received.toString(),
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + studyUid, "127.0.0.1", port());

        assertThat(get.succeeded()).as(get.output()).isTrue();
        try (var files = Files.list(received)) {
            assertDecoded(files.sorted().toList(), EXPLICIT);
        }
    }

    @Test
    void an_object_that_cannot_be_decoded_is_a_failed_sub_operation_with_its_reason_and_the_others_arrive() {
        String patient = "MRN-BAD-" + TestImages.uid().substring(5, 13);
        String study = TestImages.uid();
        Path good = PydicomFiles.copy(PydicomFiles.original("MR_small_RLE.dcm"), folder.resolve("bad"), patient, study);
        Path broken = PydicomFiles.copy(PydicomFiles.original("JPEG2000.dcm"), folder.resolve("bad"), patient, study);
        PydicomFiles.breakJpeg2000Codestream(broken);
        assertThat(dicomWeb.store(CityTokens.hospital("H001"), List.of(good, broken)).status()).isEqualTo(200);

        try (Workstation workstation = Workstation.explicitOnly(folder, "H001_WS_EXPLICIT", 41106)) {
            Dcmtk.Run move = Dcmtk.run("movescu", "-d", "-S", "-aet", "H001_PACS", "-aec", "ONECITY", "-aem",
                    "H001_WS_EXPLICIT", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study, "127.0.0.1",
                    port());

            assertThat(workstation.received()).hasSize(1);
            assertThat(uidOf(workstation.received().get(0))).isEqualTo(uidOf(good));
            assertThat(move.output()).contains("DIMSE Status                  : 0xb000")
                    .containsPattern("Failed Suboperations\\s*: 1").contains("cannot be decoded");
        }
    }

    @Test
    void a_destination_that_does_not_answer_refuses_the_move_with_out_of_resources() {
        Dcmtk.Run move = Dcmtk.run("movescu", "-v", "-S", "-aet", "H001_PACS", "-aec", "ONECITY", "-aem", "H001_WS",
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + studyUid, "127.0.0.1", port());

        assertThat(move.output()).contains("Final Move Response (Refused: OutOfResourcesSubOperations)");
    }

    private void assertDecoded(List<Path> received, String syntax) {
        assertThat(received).hasSize(syntaxes.size());
        for (Path file : received) {
            String uid = uidOf(file);
            assertThat(syntaxOf(file)).as(syntaxes.get(uid)).isEqualTo(syntax);
            assertReadable(file);
            assertThat(PydicomFiles.pixels(file)).as("pixels of " + syntaxes.get(uid) + " sent as " + syntax)
                    .isEqualTo(referencePixels(originals.get(uid)));
        }
    }

    /** The original's pixels decoded by gdcmconv, and checked against dcmtk in TranscoderTest. */
    private byte[] referencePixels(Path original) {
        Path decoded = folder.resolve("reference-" + original.getFileName());
        if (!Files.exists(decoded)) {
            Dcmtk.ok("gdcmconv", "--raw", original.toString(), decoded.toString());
        }
        return PydicomFiles.pixels(decoded);
    }

    private void move(String destination, String studies) {
        Dcmtk.Run move = Dcmtk.run("movescu", "-v", "-S", "-aet", "H001_PACS", "-aec", "ONECITY", "-aem", destination,
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + studies, "127.0.0.1", port());
        assertThat(move.succeeded()).as(move.output()).isTrue();
    }

    private static void assertReadable(Path file) {
        Dcmtk.Run dump = Dcmtk.run("dcmdump", file.toString());
        assertThat(dump.succeeded() && !dump.output().startsWith("E:") && !dump.output().contains("\nE:"))
                .as(file + ": " + dump.output()).isTrue();
    }

    private static Path encoded(Path source, Path folder, String encoder, String option) {
        try {
            Files.createDirectories(folder);
            Path out = folder.resolve(encoder + option.replace("+", "") + "-" + source.getFileName());
            Dcmtk.ok(encoder, option, source.toString(), out.toString());
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String syntaxOf(Path file) {
        return PydicomFiles.value(meta(file), TagFromName.TransferSyntaxUID);
    }

    private static String uidOf(Path file) {
        return PydicomFiles.value(meta(file), TagFromName.MediaStorageSOPInstanceUID);
    }

    private static String studyOf(Path file) {
        return PydicomFiles.value(PydicomFiles.header(file), TagFromName.StudyInstanceUID);
    }

    private static AttributeList meta(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            AttributeList meta = new AttributeList();
            meta.readOnlyMetaInformationHeader(new DicomInputStream(in));
            return meta;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes after the File Meta Information: the data set as it went over the network. */
    private static byte[] dataSet(Path file) {
        try (DicomInputStream in = new DicomInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            new AttributeList().readOnlyMetaInformationHeader(in);
            return in.readAllBytes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String port() {
        return String.valueOf(dimse.port());
    }
}
