package org.onecity.imaging.ingest;

/**
 * Who sent an instance.
 *
 * @param hospital the hospital whose system sent it
 * @param name     its AE title (DIMSE) or client id (DICOMweb), recorded with the instance
 */
public record Sender(String hospital, String name) {
}
