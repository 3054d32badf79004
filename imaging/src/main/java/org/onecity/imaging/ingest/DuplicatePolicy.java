package org.onecity.imaging.ingest;

/**
 * What a second object under an already stored SOP Instance UID does when its bytes differ from the stored ones
 * (the same bytes again are always a no-op answered with success).
 */
public enum DuplicatePolicy {
    /** The stored object stays; the new one is refused with status 0111 (Duplicate SOP Instance). */
    REJECT,
    /** The new object replaces the stored one (a corrected resend); the old object is removed once replaced. */
    REPLACE
}
