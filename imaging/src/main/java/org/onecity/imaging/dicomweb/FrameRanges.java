package org.onecity.imaging.dicomweb;

import org.onecity.imaging.index.StoredInstance;
import org.onecity.imaging.index.StudyReads.PixelLayout;

/** Where a frame's bytes lie in a stored object (PS3.5 8.2 native, A.4 encapsulated: one fragment per frame). */
final class FrameRanges {

    private FrameRanges() {
    }

    /** The frame's offset and length in the object. */
    static long[] of(StoredInstance instance, PixelLayout layout, int frame) {
        int frames = instance.frames() == null || instance.frames() < 1 ? 1 : instance.frames();
        if (frame > frames) {
            throw new DicomWebProblem(404, "Instance " + instance.sopInstanceUid() + " has " + frames + " frame(s), not "
                    + frame);
        }
        if (!layout.encapsulated()) {
            long size = layout.length() / frames;
            return new long[] {layout.offset() + (frame - 1) * size, size};
        }
        long[] pairs = layout.fragments();
        int fragments = pairs.length / 2;
        if (fragments == frames) {
            return new long[] {pairs[2 * (frame - 1)], pairs[2 * (frame - 1) + 1]};
        }
        throw new DicomWebProblem(406, "Instance " + instance.sopInstanceUid() + " spreads " + frames + " frame(s) over "
                + fragments + " fragments; frames of it are not served one by one, retrieve the instance instead");
    }

    /**
     * The transfer syntax a frame's bytes are in: an encapsulated syntax's own; for native ones (implicit, explicit,
     * deflated, whose pixel data is read from the inflated copy) little endian bytes, Explicit VR Little Endian.
     */
    static String frameSyntax(String storedSyntax) {
        return switch (storedSyntax) {
            case "1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.1.99" -> "1.2.840.10008.1.2.1";
            default -> storedSyntax;
        };
    }

    /** The media type of a frame's bytes in its transfer syntax (PS3.18 8.7.3.3.2). */
    static String mediaType(String transferSyntax) {
        return switch (transferSyntax) {
            case "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57",
                 "1.2.840.10008.1.2.4.70" -> "image/jpeg";
            case "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81" -> "image/jls";
            case "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91" -> "image/jp2";
            case "1.2.840.10008.1.2.5" -> "image/dicom-rle";
            default -> "application/octet-stream";
        };
    }
}
