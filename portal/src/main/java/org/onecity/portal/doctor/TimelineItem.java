package org.onecity.portal.doctor;

import java.time.Instant;

/**
 * One thing that happened to the person at a hospital: an encounter, a report, a result, a document or an imaging
 * study, with the hospital that sent it.
 *
 * @param reference  the city record's reference, e.g. {@code Observation/12}
 * @param code       the result's LOINC code, to open its trend; null for other kinds
 * @param studyUid   the imaging study's Study Instance UID, to open its images; null for other kinds
 */
public record TimelineItem(Kind kind, Instant when, String title, String detail, String hospital, String reference,
                           String code, String studyUid) {

    /** What the item is, in the order a clinician reads a day's events. */
    public enum Kind {
        ENCOUNTER, REPORT, RESULT, DOCUMENT, IMAGING
    }

    public boolean hasTrend() {
        return kind == Kind.RESULT && code != null;
    }

    public boolean hasImages() {
        return kind == Kind.IMAGING && studyUid != null;
    }
}
