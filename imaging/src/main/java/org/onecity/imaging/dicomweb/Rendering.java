package org.onecity.imaging.dicomweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.onecity.imaging.index.StoredInstance;
import org.onecity.imaging.index.StudyReads;
import org.onecity.imaging.store.InstanceObjects;
import org.springframework.stereotype.Component;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Rendered frames (PS3.18 8.3.5, 10.4.1.1.3): native grayscale through the modality LUT (rescale) and a window —
 * the request's {@code window=center,width[,function]}, else the instance's own, else the frame's range — to 8 bits,
 * MONOCHROME1 inverted; native 8-bit RGB as is; JPEG baseline decoded. Other encodings are refused with 406.
 */
@Component
class Rendering {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_FRAME = 64L * 1024 * 1024;

    private final InstanceObjects objects;

    Rendering(InstanceObjects objects) {
        this.objects = objects;
    }

    /** A VOI window from the request; null values mean "the instance's own". */
    record Window(Double center, Double width) {
        static Window parse(String parameter) {
            if (parameter == null || parameter.isBlank()) {
                return new Window(null, null);
            }
            String[] parts = parameter.split(",");
            try {
                double width = Double.parseDouble(parts[1].trim());
                if (width < 1) {
                    throw new DicomWebProblem(400, "The window width must be at least 1");
                }
                return new Window(Double.parseDouble(parts[0].trim()), width);
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new DicomWebProblem(400, "window is center,width[,function], not " + parameter);
            }
        }
    }

    byte[] render(StoredInstance instance, StudyReads reads, int frame, Window window, boolean png) {
        JsonNode metadata = read(reads.metadata(instance.sopInstanceUid()).orElseThrow());
        var layout = reads.pixelLayout(instance.sopInstanceUid())
                .orElseThrow(() -> new DicomWebProblem(404, "Instance " + instance.sopInstanceUid() + " has no pixel data"));
        long[] range = FrameRanges.of(instance, layout, frame);
        if (range[1] > MAX_FRAME) {
            throw new DicomWebProblem(406, "The frame is too large to render (" + range[1] + " bytes)");
        }
        byte[] bytes = bytes(layout.objectKey(), range);
        BufferedImage image = switch (FrameRanges.frameSyntax(instance.transferSyntax())) {
            case "1.2.840.10008.1.2.1" -> nativeImage(metadata, bytes, window);
            case "1.2.840.10008.1.2.4.50" -> decoded(bytes);
            default -> throw new DicomWebProblem(406, "Rendering of transfer syntax " + instance.transferSyntax()
                    + " is not offered; retrieve the frame or the instance instead");
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, png ? "png" : "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private byte[] bytes(String objectKey, long[] range) {
        try (InputStream in = objects.open(objectKey, range[0], range[1])) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage decoded(byte[] jpeg) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (image == null) {
                throw new DicomWebProblem(406, "The frame's JPEG cannot be decoded here");
            }
            return image;
        } catch (IOException e) {
            throw new DicomWebProblem(406, "The frame's JPEG cannot be decoded here: " + e.getMessage());
        }
    }

    private static BufferedImage nativeImage(JsonNode m, byte[] bytes, Window window) {
        int rows = number(m, "00280010", 0).intValue();
        int columns = number(m, "00280011", 0).intValue();
        int samples = number(m, "00280002", 1).intValue();
        int bitsAllocated = number(m, "00280100", 16).intValue();
        String photometric = text(m, "00280004", "MONOCHROME2");
        if (samples == 3 && bitsAllocated == 8) {
            boolean planar = number(m, "00280006", 0).intValue() == 1;
            BufferedImage rgb = new BufferedImage(columns, rows, BufferedImage.TYPE_INT_RGB);
            int plane = rows * columns;
            for (int p = 0; p < plane; p++) {
                int r = bytes[planar ? p : 3 * p] & 0xFF;
                int g = bytes[planar ? plane + p : 3 * p + 1] & 0xFF;
                int b = bytes[planar ? 2 * plane + p : 3 * p + 2] & 0xFF;
                rgb.setRGB(p % columns, p / columns, (r << 16) | (g << 8) | b);
            }
            return rgb;
        }
        if (samples != 1 || (bitsAllocated != 8 && bitsAllocated != 16) || !photometric.startsWith("MONOCHROME")) {
            throw new DicomWebProblem(406, "Rendering of " + photometric + " with " + samples + " sample(s) of "
                    + bitsAllocated + " bits is not offered");
        }
        boolean signed = number(m, "00280103", 0).intValue() == 1;
        double slope = number(m, "00281053", 1).doubleValue();
        double intercept = number(m, "00281052", 0).doubleValue();
        int count = rows * columns;
        double[] values = new double[count];
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            int stored = bitsAllocated == 8 ? (signed ? buffer.get(i) : buffer.get(i) & 0xFF)
                    : (signed ? buffer.getShort(2 * i) : buffer.getShort(2 * i) & 0xFFFF);
            values[i] = stored * slope + intercept;
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        double center = window.center() != null ? window.center() : number(m, "00281050", (min + max) / 2).doubleValue();
        double width = window.width() != null ? window.width() : number(m, "00281051", Math.max(1, max - min)).doubleValue();
        boolean invert = photometric.equals("MONOCHROME1");
        BufferedImage gray = new BufferedImage(columns, rows, BufferedImage.TYPE_BYTE_GRAY);
        byte[] out = ((java.awt.image.DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < count; i++) {
            // the linear VOI function of PS3.3 C.11.2.1.2.1
            double x = values[i];
            int level;
            if (x <= center - 0.5 - (width - 1) / 2) {
                level = 0;
            } else if (x > center - 0.5 + (width - 1) / 2) {
                level = 255;
            } else {
                level = (int) Math.round(((x - (center - 0.5)) / (width - 1) + 0.5) * 255);
            }
            out[i] = (byte) (invert ? 255 - level : level);
        }
        return gray;
    }

    private static Number number(JsonNode metadata, String tag, Number fallback) {
        JsonNode value = metadata.path(tag).path("Value").path(0);
        return value.isNumber() ? value.numberValue() : fallback;
    }

    private static String text(JsonNode metadata, String tag, String fallback) {
        JsonNode value = metadata.path(tag).path("Value").path(0);
        return value.isTextual() ? value.asText() : fallback;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
