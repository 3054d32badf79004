package org.onecity.imaging.dimse;

import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onecity.imaging.support.Dcmtk;
import org.onecity.imaging.support.ImagingTest;
import org.onecity.imaging.support.PixelMedPeer;
import org.onecity.imaging.support.TestImages;
import org.onecity.imaging.support.TestImages.Syntax;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ImagingTest
class DimseStorageTest {

    /** storescu's option to propose each transfer syntax. */
    static final Map<Syntax, String> STORESCU_PROPOSAL = Map.of(Syntax.EXPLICIT_LITTLE, "-xe", Syntax.IMPLICIT_LITTLE, "-xi",
            Syntax.DEFLATE, "-xd", Syntax.JPEG_BASELINE, "-xy", Syntax.JPEG_LOSSLESS, "-xs",
            Syntax.JPEG_2000_LOSSLESS, "-xv", Syntax.RLE, "-xr");

    @Autowired
    DimseServer dimse;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MinioClient minio;
    @TempDir
    Path folder;

    @Test
    void a_registered_pacs_is_answered_and_an_unknown_ae_title_is_refused() {
        Dcmtk.ok("echoscu", "-aet", "H001_PACS", "-aec", "ONECITY", "127.0.0.1", port());

        Dcmtk.Run stranger = Dcmtk.run("echoscu", "-aet", "STRANGER", "-aec", "ONECITY", "127.0.0.1", port());
        assertThat(stranger.succeeded()).isFalse();
        assertThat(stranger.output()).contains("Association Rejected").contains("Calling AE Title Not Recognized");
        Dcmtk.Run stranger_store = store("STRANGER", TestImages.write(
                TestImages.ct(TestImages.study("MRN-X", "H001", "X^Y", "20261120"), 16, 16), folder));
        assertThat(stranger_store.succeeded()).isFalse();
    }

    @Test
    void images_in_every_common_transfer_syntax_are_stored_with_their_syntax_and_indexed() {
        var study = TestImages.study("MRN-TS-1", "H001", "Zhang^San", "20261120");
        Map<String, String> syntaxBySop = new HashMap<>();
        for (Syntax syntax : Syntax.values()) {
            var image = TestImages.ct(study, 64, 64).in(syntax);
            Path file = TestImages.write(image, folder);
            syntaxBySop.put(image.sopInstanceUid(), syntax.uid);
            // storescu proposes the file's own transfer syntax with the matching option, as a PACS would
            Dcmtk.Run store = Dcmtk.run("storescu", "-R", STORESCU_PROPOSAL.get(syntax), "-aet", "H001_CT", "-aec",
                    "ONECITY", "127.0.0.1", port(), file.toString());
            assertThat(store.succeeded()).as(syntax + ": " + store.output()).isTrue();
            assertThat(store.output()).doesNotContain("unable to convert");
        }

        var rows = jdbc.queryForList("""
                select i.sop_instance_uid, i.transfer_syntax, i.object_key, i.sha256, st.hospital, i.received_from
                  from instance i join series se on se.id = i.series join study st on st.id = se.study
                 where st.study_uid = ?""", study.studyUid());
        assertThat(rows).hasSize(Syntax.values().length);
        rows.forEach(row -> {
            assertThat(row.get("transfer_syntax")).isEqualTo(syntaxBySop.get(row.get("sop_instance_uid")));
            assertThat(row.get("hospital")).isEqualTo("H001");
            assertThat(row.get("received_from")).isEqualTo("H001_CT");
            assertThat(objectExists((String) row.get("object_key"))).isTrue();
        });
    }

    @Test
    void the_same_instance_again_changes_nothing_and_different_content_under_its_uid_is_refused() {
        var image = TestImages.ct(TestImages.study("MRN-DUP-1", "H001", "Chen^Jie", "20261121"), 32, 32);
        Path file = TestImages.write(image, folder);
        Dcmtk.ok(storeCommand("H001_PACS", file));
        var first = stored(image.sopInstanceUid());

        Dcmtk.Run again = store("H001_PACS", file);
        assertThat(again.succeeded()).isTrue();
        assertThat(stored(image.sopInstanceUid())).isEqualTo(first);

        var changed = image.study().withPatientName("Chen^Jie^Corrected");
        Path different = TestImages.write(new TestImages.Image(changed, image.seriesUid(), "CT", TestImages.CT,
                image.sopInstanceUid(), 1, 32, 32, 1, 16, Syntax.EXPLICIT_LITTLE), folder.resolve("changed"));
        Dcmtk.Run refused = store("H001_PACS", different);

        assertThat(refused.output()).contains("0x0111").contains("Different content under this SOP Instance UID");
        assertThat(stored(image.sopInstanceUid())).isEqualTo(first);
        assertThat(jdbc.queryForObject("select count(*) from instance where sop_instance_uid = ?", Integer.class,
                image.sopInstanceUid())).isEqualTo(1);
    }

    @Test
    void objects_without_their_uids_or_of_a_class_the_store_does_not_keep_get_a_failure_status_and_are_not_stored() {
        var study = TestImages.study("MRN-BAD-1", "H001", "Bad^Input", "20261122");
        var noStudyUid = TestImages.ct(study, 16, 16);
        Path missingUid = TestImages.writeWithout(noStudyUid, folder, "0020,000d");
        var worklist = TestImages.ct(study, 16, 16).ofClass("1.2.840.10008.5.1.4.31");
        Path notStorage = TestImages.write(worklist, folder);

        Dcmtk.Run missing = store("H001_PACS", missingUid);
        // storescu will not send a class it does not know as storage; PixelMed's SCU will
        boolean unsupportedStored = PixelMedPeer.store("H001_PACS", "ONECITY", dimse.port(), notStorage);

        assertThat(missing.output()).contains("0xa900").contains("Study Instance UID (0020,000D) is missing");
        assertThat(unsupportedStored).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from instance where sop_instance_uid in (?, ?)", Integer.class,
                noStudyUid.sopInstanceUid(), worklist.sopInstanceUid())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from patient where patient_id = ?", Integer.class,
                "MRN-BAD-1")).isZero();
    }

    private Map<String, Object> stored(String sopInstanceUid) {
        return jdbc.queryForMap("select object_key, sha256, size_bytes, stored_at from instance where sop_instance_uid = ?",
                sopInstanceUid);
    }

    private boolean objectExists(String key) {
        try {
            minio.statObject(StatObjectArgs.builder().bucket("imaging-test").object(key).build());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private Dcmtk.Run store(String callingAe, Path file) {
        return Dcmtk.run(storeCommand(callingAe, file));
    }

    private String[] storeCommand(String callingAe, Path file) {
        // -d shows the C-STORE response, with its status and error comment
        return new String[] {"storescu", "-d", "-R", "-aet", callingAe, "-aec", "ONECITY", "127.0.0.1", port(),
                file.toString()};
    }

    private String port() {
        return String.valueOf(dimse.port());
    }
}
