package org.onecity.imaging.ingest;

import org.onecity.imaging.dicom.InstanceAttributes;

/** The outcome of storing an instance: what it was and whether it changed anything. */
public record Stored(InstanceAttributes attributes, Outcome outcome) {

    public enum Outcome {
        /** A new instance: its object is in the store and its row committed. */
        STORED,
        /** The same bytes under the same SOP Instance UID were already stored: nothing changed. */
        ALREADY_STORED,
        /** Different bytes replaced the stored object under the REPLACE policy. */
        REPLACED
    }
}
