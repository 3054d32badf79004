package org.onecity.imaging.render;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How native frames are drawn: one case per photometric interpretation and pixel layout. */
class FrameRendererTest {

    private static PixelFormat format(int rows, int columns, int samples, int bits, int stored, boolean signed,
                                      String photometric, boolean planar, double slope, double intercept, Double center,
                                      Double width, Palette palette) {
        return new PixelFormat(rows, columns, samples, bits, stored, signed, photometric, planar, slope, intercept,
                center, width, palette);
    }

    @Test
    void grayscale_goes_through_rescale_and_the_instances_window_and_monochrome1_is_inverted() {
        // 16-bit signed stored values -100, 0, 100, 200 with slope 2 and intercept -1000: -1200, -1000, -800, -600
        byte[] frame = {(byte) 0x9C, (byte) 0xFF, 0, 0, 100, 0, (byte) 200, 0};
        PixelFormat mono2 = format(1, 4, 1, 16, 16, true, "MONOCHROME2", false, 2, -1000, -900.0, 201.0, null);
        PixelFormat mono1 = format(1, 4, 1, 16, 16, true, "MONOCHROME1", false, 2, -1000, -900.0, 201.0, null);

        BufferedImage image = FrameRenderer.render(mono2, frame, null, null);
        BufferedImage inverted = FrameRenderer.render(mono1, frame, null, null);

        assertThat(samples(image)).containsExactly(0, 1, 255, 255);
        assertThat(FrameRenderer.render(mono2, frame, -900.0, 400.0).getRaster().getSample(1, 0, 0)).isBetween(63, 65);
        assertThat(samples(inverted)).containsExactly(255, 254, 0, 0);
    }

    @Test
    void without_a_window_the_frames_own_range_is_used_and_bits_beyond_bits_stored_are_ignored() {
        // 12 bits stored in 16: the top nibble holds overlay noise
        byte[] frame = {0, (byte) 0xF0, (byte) 0xFF, (byte) 0xFF};
        PixelFormat twelveBits = format(1, 2, 1, 16, 12, false, "MONOCHROME2", false, 1, 0, null, null, null);

        assertThat(samples(FrameRenderer.render(twelveBits, frame, null, null))).containsExactly(0, 255);
    }

    @Test
    void one_bit_pixels_are_read_least_significant_bit_first() {
        byte[] frame = {(byte) 0b0000_0101};
        PixelFormat bits = format(1, 8, 1, 1, 1, false, "MONOCHROME2", false, 1, 0, null, null, null);

        assertThat(samples(FrameRenderer.render(bits, frame, null, null))).containsExactly(255, 0, 255, 0, 0, 0, 0, 0);
    }

    @Test
    void rgb_by_plane_and_by_pixel_give_the_same_image_and_sixteen_bit_samples_are_scaled_down() {
        byte[] byPixel = {(byte) 255, 0, 0, 0, (byte) 255, 0};
        byte[] byPlane = {(byte) 255, 0, 0, (byte) 255, 0, 0};
        byte[] sixteen = {(byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 0, 0};

        int[] a = rgb(FrameRenderer.render(format(1, 2, 3, 8, 8, false, "RGB", false, 1, 0, null, null, null), byPixel,
                null, null));
        int[] b = rgb(FrameRenderer.render(format(1, 2, 3, 8, 8, false, "RGB", true, 1, 0, null, null, null), byPlane,
                null, null));
        int[] c = rgb(FrameRenderer.render(format(1, 2, 3, 16, 16, false, "RGB", false, 1, 0, null, null, null), sixteen,
                null, null));

        assertThat(a).containsExactly(0xFF0000, 0x00FF00);
        assertThat(b).containsExactly(a);
        assertThat(c).containsExactly(0xFF0000, 0x00FF00);
    }

    @Test
    void ybr_full_and_ybr_full_422_become_rgb() {
        // pure red is Y 76, Cb 85, Cr 255 (PS3.3 C.7.6.3.1.2); two pixels of 4:2:2 share Cb and Cr
        byte[] full = {76, 85, (byte) 255, (byte) 255, (byte) 128, (byte) 128};
        byte[] subsampled = {76, 76, 85, (byte) 255};

        int[] a = rgb(FrameRenderer.render(format(1, 2, 3, 8, 8, false, "YBR_FULL", false, 1, 0, null, null, null), full,
                null, null));
        int[] b = rgb(FrameRenderer.render(format(1, 2, 3, 8, 8, false, "YBR_FULL_422", false, 1, 0, null, null, null),
                subsampled, null, null));

        assertThat(channel(a[0], 16)).isGreaterThan(250);
        assertThat(channel(a[0], 8)).isLessThan(5);
        assertThat(a[1]).isEqualTo(0xFFFFFF);
        assertThat(b[0]).isEqualTo(a[0]);
        assertThat(b[1]).isEqualTo(a[0]);
    }

    @Test
    void palette_color_looks_each_value_up_in_its_tables() {
        int[] ramp = new int[256];
        int[] zero = new int[256];
        for (int i = 0; i < 256; i++) {
            ramp[i] = i * 257;
        }
        Palette palette = new Palette(256, 0, 16, ramp, zero, ramp);
        byte[] frame = {0, (byte) 128, (byte) 255};

        int[] image = rgb(FrameRenderer.render(format(1, 3, 1, 8, 8, false, "PALETTE COLOR", false, 1, 0, null, null,
                palette), frame, null, null));

        assertThat(image).containsExactly(0x000000, 0x800080, 0xFF00FF);
    }

    @Test
    void a_layout_it_does_not_draw_and_a_short_frame_are_refused_with_their_reason() {
        assertThatThrownBy(() -> FrameRenderer.render(format(1, 1, 3, 8, 8, false, "YBR_ICT", false, 1, 0, null, null,
                null), new byte[3], null, null)).isInstanceOf(NotRenderable.class).hasMessageContaining("YBR_ICT");
        assertThatThrownBy(() -> FrameRenderer.render(format(2, 2, 1, 16, 16, false, "MONOCHROME2", false, 1, 0, null,
                null, null), new byte[3], null, null)).isInstanceOf(NotRenderable.class).hasMessageContaining("bytes");
    }

    private static int[] samples(BufferedImage image) {
        return image.getRaster().getSamples(0, 0, image.getWidth(), image.getHeight(), 0, (int[]) null);
    }

    private static int[] rgb(BufferedImage image) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] &= 0xFFFFFF;
        }
        return pixels;
    }

    private static int channel(int rgb, int shift) {
        return rgb >> shift & 0xFF;
    }
}
