package org.onecity.imaging.dicomweb;

import com.pixelmed.dicom.TagFromName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onecity.common.test.CityTokens;
import org.onecity.imaging.support.DicomWebClient;
import org.onecity.imaging.support.ImagingTest;
import org.onecity.imaging.support.PydicomFiles;
import org.onecity.imaging.support.TestImages;
import org.springframework.beans.factory.annotation.Autowired;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /rendered for the encodings and pixel layouts that used to fail (a native YBR_FULL_422 image was a 500; JPEG
 * extended, JPEG-LS, JPEG lossless SV1, 8-bit RLE, palette colour and 1-bit images were 406), a frame of a
 * compressed multi-frame object, and a clear refusal where the decoder gives up. How the images compare with
 * Orthanc's is RenderingComparedWithOrthancIT's.
 */
@ImagingTest
class RenderingTest {

    @Autowired
    DicomWebClient dicomWeb;
    @TempDir
    Path folder;

    @Test
    void a_native_ybr_full_422_image_renders_in_colour() throws IOException {
        BufferedImage image = rendered(store(PydicomFiles.original("SC_ybr_full_422_uncompressed.dcm")), 1);

        assertThat(image.getWidth()).isEqualTo(100);
        assertThat(image.getHeight()).isEqualTo(100);
        assertThat(colours(image)).as("a colour image, not gray").isTrue();
    }

    @Test
    void jpeg_extended_jpeg_ls_jpeg_lossless_sv1_rle_palette_and_one_bit_images_render() throws IOException {
        for (var file : List.of(PydicomFiles.original("JPGExtended.dcm"),
                PydicomFiles.original("MR_small_jpeg_ls_lossless.dcm"), PydicomFiles.original("SC_rgb_jpeg_gdcm.dcm"),
                PydicomFiles.original("SC_rgb_rle.dcm"), PydicomFiles.original("liver_1frame.dcm"), TestImages.palette(folder))) {
            var header = PydicomFiles.header(file);

            BufferedImage image = rendered(store(file), 1);

            assertThat(image.getWidth()).as(file.toString())
                    .isEqualTo(Integer.parseInt(PydicomFiles.value(header, TagFromName.Columns)));
            assertThat(image.getHeight()).isEqualTo(Integer.parseInt(PydicomFiles.value(header, TagFromName.Rows)));
        }
    }

    @Test
    void a_frame_of_a_compressed_multi_frame_object_renders_on_its_own() throws IOException {
        String path = store(PydicomFiles.original("SC_rgb_rle_2frame.dcm"));

        BufferedImage first = rendered(path, 1);
        BufferedImage second = rendered(path, 2);

        assertThat(second.getWidth()).isEqualTo(100);
        // pydicom's second frame is the first inverted
        assertThat(second.getRGB(50, 50) & 0xFFFFFF).isEqualTo(~first.getRGB(50, 50) & 0xFFFFFF);
    }

    @Test
    void a_codestream_the_decoder_gives_up_on_is_406_with_the_reason() {
        Path broken = PydicomFiles.copy(PydicomFiles.original("JPEG2000.dcm"), folder, "MRN-BROKEN", null);
        PydicomFiles.breakJpeg2000Codestream(broken);

        var answer = dicomWeb.get(CityTokens.hospital("H001"), store(broken) + "/rendered", "image/png");

        assertThat(answer.status()).isEqualTo(406);
        assertThat(answer.text()).contains("cannot be decoded");
    }

    private String store(Path original) {
        Path copy = PydicomFiles.copy(original, folder, "MRN-RENDER-" + TestImages.uid().substring(5, 12), null);
        var answer = dicomWeb.store(CityTokens.hospital("H001"), List.of(copy));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        String url = answer.json().path("00081199").path("Value").get(0).path("00081190").path("Value").get(0).asText();
        return url.substring(url.indexOf("/studies/"));
    }

    private BufferedImage rendered(String path, int frame) throws IOException {
        var answer = dicomWeb.get(CityTokens.hospital("H001"), path + "/frames/" + frame + "/rendered", "image/png");
        assertThat(answer.status()).as(path + ": " + answer.text()).isEqualTo(200);
        return ImageIO.read(new ByteArrayInputStream(answer.body()));
    }

    private static boolean colours(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if ((rgb >> 16 & 0xFF) != (rgb & 0xFF)) {
                    return true;
                }
            }
        }
        return false;
    }
}
