package org.onecity.imaging.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;

/**
 * Draws one native frame (little endian bytes) as an 8-bit image, the way PS3.18 8.3.5 and PS3.3 C.11 describe:
 * grayscale through the modality rescale and a linear VOI window (the one asked for, else the instance's first,
 * else the frame's own range), MONOCHROME1 inverted; RGB as is (16-bit samples scaled down); YBR_FULL and
 * YBR_FULL_422 converted to RGB; PALETTE COLOR through its lookup tables. Bits 1 to 32, signed or not, colour by
 * pixel or by plane.
 */
public final class FrameRenderer {

    private FrameRenderer() {
    }

    public static BufferedImage render(PixelFormat format, byte[] frame, Double center, Double width) {
        if (format.rows() < 1 || format.columns() < 1) {
            throw new NotRenderable("The image has no rows or columns");
        }
        if (frame.length < format.frameBytes()) {
            throw new NotRenderable("The frame holds " + frame.length + " bytes, not the " + format.frameBytes()
                    + " its attributes describe");
        }
        String photometric = format.photometric();
        if (format.samples() == 1 && photometric.startsWith("MONOCHROME")) {
            return gray(format, frame, center, width);
        }
        if (format.samples() == 1 && photometric.equals("PALETTE COLOR")) {
            return palette(format, frame);
        }
        if (format.samples() == 3 && (format.bitsAllocated() == 8 || format.bitsAllocated() == 16)) {
            switch (photometric) {
                case "RGB":
                    return color(format, frame, false);
                case "YBR_FULL":
                    return color(format, frame, true);
                case "YBR_FULL_422":
                    if (format.bitsAllocated() == 8 && !format.planar()) {
                        return ybr422(format, frame);
                    }
                    break;
                default:
                    break;
            }
        }
        throw new NotRenderable("Rendering of " + photometric + " with " + format.samples() + " sample(s) of "
                + format.bitsAllocated() + " bits is not offered");
    }

    private static BufferedImage gray(PixelFormat f, byte[] frame, Double requestedCenter, Double requestedWidth) {
        int count = f.rows() * f.columns();
        boolean own = f.windowCenter() != null && f.windowWidth() != null;
        double center = requestedCenter != null ? requestedCenter : own ? f.windowCenter() : 0;
        double width = requestedWidth != null ? requestedWidth : own ? f.windowWidth() : 1;
        if (requestedCenter == null && !own) {
            // no window anywhere: the frame's own range (a first pass, so no copy of the frame is held)
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (int i = 0; i < count; i++) {
                double value = stored(f, frame, i) * f.slope() + f.intercept();
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
            center = (min + max) / 2;
            width = Math.max(1, max - min);
        }
        boolean invert = f.photometric().equals("MONOCHROME1");
        BufferedImage gray = new BufferedImage(f.columns(), f.rows(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] out = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < count; i++) {
            int level = window(stored(f, frame, i) * f.slope() + f.intercept(), center, width);
            out[i] = (byte) (invert ? 255 - level : level);
        }
        return gray;
    }

    /** The linear VOI function of PS3.3 C.11.2.1.2.1, to 0-255. */
    static int window(double x, double center, double width) {
        if (width <= 1) {
            return x <= center - 0.5 ? 0 : 255;
        }
        if (x <= center - 0.5 - (width - 1) / 2) {
            return 0;
        }
        if (x > center - 0.5 + (width - 1) / 2) {
            return 255;
        }
        return (int) Math.round(((x - (center - 0.5)) / (width - 1) + 0.5) * 255);
    }

    private static BufferedImage palette(PixelFormat f, byte[] frame) {
        if (f.palette() == null) {
            throw new NotRenderable("PALETTE COLOR without a palette");
        }
        BufferedImage image = new BufferedImage(f.columns(), f.rows(), BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < out.length; i++) {
            out[i] = f.palette().rgb((int) stored(f, frame, i));
        }
        return image;
    }

    private static BufferedImage color(PixelFormat f, byte[] frame, boolean ybr) {
        int plane = f.rows() * f.columns();
        int shift = Math.max(0, f.bitsStored() - 8);
        BufferedImage image = new BufferedImage(f.columns(), f.rows(), BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int p = 0; p < plane; p++) {
            int[] s = new int[3];
            for (int c = 0; c < 3; c++) {
                int index = f.planar() ? c * plane + p : 3 * p + c;
                s[c] = (int) Math.min(255, stored(f, frame, index) >> shift);
            }
            out[p] = ybr ? rgbOfYbr(s[0], s[1], s[2]) : s[0] << 16 | s[1] << 8 | s[2];
        }
        return image;
    }

    /** 4:2:2 by pixel: two luminances share one pair of chrominances (Y1 Y2 Cb Cr), PS3.3 C.7.6.3.1.2. */
    private static BufferedImage ybr422(PixelFormat f, byte[] frame) {
        BufferedImage image = new BufferedImage(f.columns(), f.rows(), BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int pixels = f.rows() * f.columns();
        for (int p = 0; p < pixels; p += 2) {
            int base = p * 2;
            int cb = frame[base + 2] & 0xFF;
            int cr = frame[base + 3] & 0xFF;
            out[p] = rgbOfYbr(frame[base] & 0xFF, cb, cr);
            if (p + 1 < pixels) {
                out[p + 1] = rgbOfYbr(frame[base + 1] & 0xFF, cb, cr);
            }
        }
        return image;
    }

    /** YCbCr full range to RGB (PS3.3 C.7.6.3.1.2, the inverse of its equations). */
    private static int rgbOfYbr(int y, int cb, int cr) {
        int r = clamp(Math.round(y + 1.402 * (cr - 128)));
        int g = clamp(Math.round(y - 0.344136 * (cb - 128) - 0.714136 * (cr - 128)));
        int b = clamp(Math.round(y + 1.772 * (cb - 128)));
        return r << 16 | g << 8 | b;
    }

    private static int clamp(long value) {
        return (int) Math.max(0, Math.min(255, value));
    }

    /** The stored value of a sample: its bits stored taken from the bits allocated, sign-extended when signed. */
    static long stored(PixelFormat f, byte[] frame, int sample) {
        long raw;
        switch (f.bitsAllocated()) {
            case 1 -> {
                return frame[sample >> 3] >> (sample & 7) & 1;
            }
            case 8 -> raw = frame[sample] & 0xFF;
            case 16 -> raw = (frame[2 * sample] & 0xFF) | (frame[2 * sample + 1] & 0xFF) << 8;
            case 32 -> raw = (frame[4 * sample] & 0xFFL) | (frame[4 * sample + 1] & 0xFFL) << 8
                    | (frame[4 * sample + 2] & 0xFFL) << 16 | (frame[4 * sample + 3] & 0xFFL) << 24;
            default -> throw new NotRenderable(f.bitsAllocated() + " bits allocated per sample are not drawn");
        }
        int bits = Math.max(1, Math.min(f.bitsStored(), f.bitsAllocated()));
        long value = bits == 64 ? raw : raw & ((1L << bits) - 1);
        if (f.signed() && (value & (1L << (bits - 1))) != 0) {
            value -= 1L << bits;
        }
        return value;
    }
}
