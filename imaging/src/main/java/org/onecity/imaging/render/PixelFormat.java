package org.onecity.imaging.render;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;

/**
 * How a native frame's bytes make an image (PS3.3 C.7.6.3, C.11): its size, samples and bits, photometric
 * interpretation, the modality rescale and the instance's own VOI window, and a palette for PALETTE COLOR.
 */
public record PixelFormat(int rows, int columns, int samples, int bitsAllocated, int bitsStored, boolean signed,
                          String photometric, boolean planar, double slope, double intercept, Double windowCenter,
                          Double windowWidth, Palette palette) {

    /** From a data set's attributes, up to its pixel data. */
    public static PixelFormat of(AttributeList list) {
        int bitsAllocated = integer(list, TagFromName.BitsAllocated, 16);
        String photometric = Attribute.getSingleStringValueOrDefault(list, TagFromName.PhotometricInterpretation,
                "MONOCHROME2").trim();
        return new PixelFormat(integer(list, TagFromName.Rows, 0), integer(list, TagFromName.Columns, 0),
                integer(list, TagFromName.SamplesPerPixel, 1), bitsAllocated,
                integer(list, TagFromName.BitsStored, bitsAllocated), integer(list, TagFromName.PixelRepresentation, 0) == 1,
                photometric, integer(list, TagFromName.PlanarConfiguration, 0) == 1,
                decimal(list, TagFromName.RescaleSlope, 1), decimal(list, TagFromName.RescaleIntercept, 0),
                optional(list, TagFromName.WindowCenter), optional(list, TagFromName.WindowWidth),
                photometric.equals("PALETTE COLOR") ? Palette.of(list) : null);
    }

    /** The bytes one native frame takes (1-bit frames are packed; 4:2:2 has two samples a pixel, PS3.3 C.7.6.3.1.2). */
    public long frameBytes() {
        int perPixel = photometric.endsWith("_422") ? 2 : samples;
        long bits = (long) rows * columns * perPixel * bitsAllocated;
        return (bits + 7) / 8;
    }

    private static int integer(AttributeList list, AttributeTag tag, int fallback) {
        return Attribute.getSingleIntegerValueOrDefault(list, tag, fallback);
    }

    private static double decimal(AttributeList list, AttributeTag tag, double fallback) {
        Double value = optional(list, tag);
        return value == null || value == 0 && tag.equals(TagFromName.RescaleSlope) ? fallback : value;
    }

    private static Double optional(AttributeList list, AttributeTag tag) {
        String value = Attribute.getSingleStringValueOrNull(list, tag);
        try {
            return value == null || value.isBlank() ? null : Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
