package org.onecity.imaging.index;

/** An instance the index holds, with where its bytes are. */
public record StoredInstance(String studyUid, String seriesUid, String sopInstanceUid, String sopClassUid,
                             String transferSyntax, String objectKey, long size, String sha256, String hospital,
                             Integer frames, Integer rows, Integer columns) {
}
