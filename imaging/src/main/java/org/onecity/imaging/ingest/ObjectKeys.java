package org.onecity.imaging.ingest;

import org.onecity.imaging.dicom.InstanceAttributes;

/**
 * Object keys of stored instances: {@code instances/{study}/{series}/{sop}/{sha256}}. Content-addressed under the
 * instance, so a replacement never overwrites the object a committed row still points at.
 */
public final class ObjectKeys {

    public static final String PREFIX = "instances/";

    private ObjectKeys() {
    }

    static String of(InstanceAttributes a, String sha256) {
        return PREFIX + a.studyUid() + "/" + a.seriesUid() + "/" + a.sopInstanceUid() + "/" + sha256;
    }
}
