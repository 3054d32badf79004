package org.onecity.imaging.query;

import java.util.Arrays;
import java.util.Optional;

/**
 * The attributes the index can match and return, with their tag, VR, keyword, level and index column. A query
 * names them by keyword (QIDO-RS) or tag (C-FIND and QIDO-RS).
 */
public enum Attr {
    PATIENT_NAME(0x00100010, "PN", "PatientName", QueryLevel.PATIENT, "p.name"),
    PATIENT_ID(0x00100020, "LO", "PatientID", QueryLevel.PATIENT, "p.patient_id"),
    ISSUER_OF_PATIENT_ID(0x00100021, "LO", "IssuerOfPatientID", QueryLevel.PATIENT, "p.issuer"),
    PATIENT_BIRTH_DATE(0x00100030, "DA", "PatientBirthDate", QueryLevel.PATIENT, "p.birth_date"),
    PATIENT_SEX(0x00100040, "CS", "PatientSex", QueryLevel.PATIENT, "p.sex"),
    STUDY_UID(0x0020000D, "UI", "StudyInstanceUID", QueryLevel.STUDY, "st.study_uid"),
    STUDY_DATE(0x00080020, "DA", "StudyDate", QueryLevel.STUDY, "st.study_date"),
    STUDY_TIME(0x00080030, "TM", "StudyTime", QueryLevel.STUDY, "st.study_time"),
    ACCESSION_NUMBER(0x00080050, "SH", "AccessionNumber", QueryLevel.STUDY, "st.accession_number"),
    STUDY_ID(0x00200010, "SH", "StudyID", QueryLevel.STUDY, "st.study_id"),
    STUDY_DESCRIPTION(0x00081030, "LO", "StudyDescription", QueryLevel.STUDY, "st.description"),
    REFERRING_PHYSICIAN(0x00080090, "PN", "ReferringPhysicianName", QueryLevel.STUDY, "st.referring_physician"),
    MODALITIES_IN_STUDY(0x00080061, "CS", "ModalitiesInStudy", QueryLevel.STUDY, "st.modalities"),
    STUDY_SERIES_COUNT(0x00201206, "IS", "NumberOfStudyRelatedSeries", QueryLevel.STUDY, "st.series_count"),
    STUDY_INSTANCE_COUNT(0x00201208, "IS", "NumberOfStudyRelatedInstances", QueryLevel.STUDY, "st.instance_count"),
    SERIES_UID(0x0020000E, "UI", "SeriesInstanceUID", QueryLevel.SERIES, "se.series_uid"),
    MODALITY(0x00080060, "CS", "Modality", QueryLevel.SERIES, "se.modality"),
    SERIES_NUMBER(0x00200011, "IS", "SeriesNumber", QueryLevel.SERIES, "se.series_number"),
    SERIES_DESCRIPTION(0x0008103E, "LO", "SeriesDescription", QueryLevel.SERIES, "se.description"),
    BODY_PART(0x00180015, "CS", "BodyPartExamined", QueryLevel.SERIES, "se.body_part"),
    SERIES_INSTANCE_COUNT(0x00201209, "IS", "NumberOfSeriesRelatedInstances", QueryLevel.SERIES, "se.instance_count"),
    SOP_INSTANCE_UID(0x00080018, "UI", "SOPInstanceUID", QueryLevel.IMAGE, "i.sop_instance_uid"),
    SOP_CLASS_UID(0x00080016, "UI", "SOPClassUID", QueryLevel.IMAGE, "i.sop_class_uid"),
    INSTANCE_NUMBER(0x00200013, "IS", "InstanceNumber", QueryLevel.IMAGE, "i.instance_number"),
    ROWS(0x00280010, "US", "Rows", QueryLevel.IMAGE, "i.rows"),
    COLUMNS(0x00280011, "US", "Columns", QueryLevel.IMAGE, "i.columns"),
    NUMBER_OF_FRAMES(0x00280008, "IS", "NumberOfFrames", QueryLevel.IMAGE, "i.frames");

    public final int tag;
    public final String vr;
    public final String keyword;
    public final QueryLevel level;
    final String column;

    Attr(int tag, String vr, String keyword, QueryLevel level, String column) {
        this.tag = tag;
        this.vr = vr;
        this.keyword = keyword;
        this.level = level;
        this.column = column;
    }

    /** By keyword ({@code PatientName}) or eight hex digits ({@code 00100010}). */
    public static Optional<Attr> named(String name) {
        return Arrays.stream(values())
                .filter(a -> a.keyword.equals(name) || String.format("%08X", a.tag).equalsIgnoreCase(name))
                .findFirst();
    }

    public static Optional<Attr> tagged(int tag) {
        return Arrays.stream(values()).filter(a -> a.tag == tag).findFirst();
    }

    public String hex() {
        return String.format("%08X", tag);
    }

    boolean numeric() {
        return vr.equals("IS") || vr.equals("US");
    }
}
