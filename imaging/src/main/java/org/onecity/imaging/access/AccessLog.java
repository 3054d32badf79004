package org.onecity.imaging.access;

import org.onecity.common.security.CityPrincipal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Every read of patient data in the imaging service, recorded with who read what, so the patient can see it. */
@Repository
public class AccessLog {

    private final JdbcTemplate jdbc;

    public AccessLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void read(CityPrincipal who, String action, Collection<String> studyUids, String detail) {
        insert(who.subject(), who.role().claim(), who.hospital(), action, studyUids, detail);
    }

    /** A read by a DICOM peer (C-FIND, C-MOVE), identified by its AE title and hospital. */
    public void readByPeer(String aeTitle, String hospital, String action, Collection<String> studyUids, String detail) {
        insert(aeTitle, "dicom-peer", hospital, action, studyUids, detail);
    }

    /** One row per study read; one without a study when nothing was found. */
    private void insert(String who, String role, String hospital, String action, Collection<String> studyUids,
                        String detail) {
        List<String> studies = studyUids.isEmpty() ? Collections.singletonList(null) : studyUids.stream().distinct().toList();
        jdbc.batchUpdate("insert into access_log (who, role, hospital, action, study_uid, detail) values (?, ?, ?, ?, ?, ?)",
                studies.stream().map(uid -> new Object[] {who, role, hospital, action, uid, detail}).toList());
    }
}
