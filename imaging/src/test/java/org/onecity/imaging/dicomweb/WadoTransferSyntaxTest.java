package org.onecity.imaging.dicomweb;

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
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WADO-RS answers instances as stored, or in the transfer syntax the Accept header asks for when the archive can
 * produce it (explicit or implicit little endian, decoded), and 406 when it cannot (PS3.18 8.7.3).
 */
@ImagingTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WadoTransferSyntaxTest {

    private static final String EXPLICIT = "1.2.840.10008.1.2.1";
    private static final String IMPLICIT = "1.2.840.10008.1.2";
    private static final String DICOM = "multipart/related; type=\"application/dicom\"";

    @Autowired
    DicomWebClient dicomWeb;
    @TempDir
    static Path folder;

    String token;
    String studyUid;
    Path jpeg2000;
    Path rle;
    Path broken;

    @BeforeAll
    void storeCompressedObjects() {
        token = CityTokens.hospital("H001");
        studyUid = TestImages.uid();
        String patient = "MRN-WADO-TS-" + TestImages.uid().substring(5, 12);
        jpeg2000 = PydicomFiles.copy(PydicomFiles.original("MR_small_jp2klossless.dcm"), folder, patient, studyUid);
        rle = PydicomFiles.copy(PydicomFiles.original("MR_small_RLE.dcm"), folder, patient, studyUid);
        broken = PydicomFiles.copy(PydicomFiles.original("JPEG2000.dcm"), folder.resolve("broken"), patient, null);
        PydicomFiles.breakJpeg2000Codestream(broken);
        assertThat(dicomWeb.store(token, List.of(jpeg2000, rle, broken)).status()).isEqualTo(200);
    }

    @Test
    void an_instance_comes_back_as_stored_when_any_syntax_or_none_is_asked_for() throws IOException {
        for (String accept : new String[] {null, DICOM, DICOM + "; transfer-syntax=*",
                "application/dicom; transfer-syntax=1.2.840.10008.1.2.4.90"}) {
            var answer = dicomWeb.get(token, path(jpeg2000), accept);

            assertThat(answer.status()).as(accept).isEqualTo(200);
            assertThat(answer.parts()).as(accept).containsExactly(Files.readAllBytes(jpeg2000));
        }
    }

    @Test
    void explicit_or_implicit_little_endian_asked_for_is_decoded_with_the_originals_pixels() throws IOException {
        byte[] original = PydicomFiles.pixels(PydicomFiles.original("MR_small.dcm"));
        for (String syntax : List.of(EXPLICIT, IMPLICIT)) {
            var answer = dicomWeb.get(token, path(jpeg2000), DICOM + "; transfer-syntax=" + syntax);

            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            assertThat(answer.contentType()).contains("application/dicom");
            Path received = folder.resolve("received-" + syntax + ".dcm");
            Files.write(received, answer.parts().get(0));
            assertThat(Dcmtk.run("dcmdump", received.toString()).succeeded()).isTrue();
            assertThat(PydicomFiles.value(PydicomFiles.header(received), TagFromName.TransferSyntaxUID)).isEqualTo(syntax);
            assertThat(PydicomFiles.pixels(received)).isEqualTo(original);
        }
    }

    @Test
    void a_study_asked_for_in_explicit_little_endian_comes_back_decoded_part_by_part() throws IOException {
        var answer = dicomWeb.get(token, "/studies/" + studyUid, DICOM + "; transfer-syntax=" + EXPLICIT);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.parts()).hasSize(2);
        for (byte[] part : answer.parts()) {
            Path received = Files.write(Files.createTempFile(folder, "part", ".dcm"), part);
            assertThat(PydicomFiles.value(PydicomFiles.header(received), TagFromName.TransferSyntaxUID)).isEqualTo(EXPLICIT);
            assertThat(PydicomFiles.pixels(received)).isEqualTo(PydicomFiles.pixels(PydicomFiles.original("MR_small.dcm")));
        }
    }

    @Test
    void a_syntax_the_archive_cannot_produce_is_406_with_what_it_can() {
        var answer = dicomWeb.get(token, path(rle), DICOM + "; transfer-syntax=1.2.840.10008.1.2.4.50");

        assertThat(answer.status()).isEqualTo(406);
        assertThat(answer.text()).contains("as stored or in Explicit or Implicit VR Little Endian");
    }

    @Test
    void preferences_are_followed_in_order_of_quality() {
        var answer = dicomWeb.get(token, path(rle), DICOM + "; transfer-syntax=1.2.840.10008.1.2.4.50, "
                + DICOM + "; transfer-syntax=" + IMPLICIT + "; q=0.5, " + DICOM + "; transfer-syntax=" + EXPLICIT + "; q=0.9");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).contains("multipart/related");
        assertThat(new String(answer.body(), 0, 300, java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("transfer-syntax=" + EXPLICIT);
    }

    @Test
    void an_instance_whose_pixel_data_cannot_be_decoded_is_406_with_the_reason_and_comes_back_as_stored()
            throws IOException {
        var decoded = dicomWeb.get(token, path(broken), DICOM + "; transfer-syntax=" + EXPLICIT);
        var asStored = dicomWeb.get(token, path(broken), DICOM + "; transfer-syntax=*");

        assertThat(decoded.status()).isEqualTo(406);
        assertThat(decoded.text()).contains("cannot be decoded").contains("transfer-syntax=*");
        assertThat(asStored.parts()).containsExactly(Files.readAllBytes(broken));
    }

    private static String path(Path file) {
        var header = PydicomFiles.header(file);
        return "/studies/" + PydicomFiles.value(header, TagFromName.StudyInstanceUID) + "/series/"
                + PydicomFiles.value(header, TagFromName.SeriesInstanceUID) + "/instances/"
                + PydicomFiles.value(header, TagFromName.SOPInstanceUID);
    }
}
