package org.onecity.imaging.dicomweb;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import org.onecity.imaging.codec.TranscodingFailed;
import org.onecity.imaging.dicom.PixelDataExtent;
import org.onecity.imaging.index.StoredInstance;
import org.onecity.imaging.index.StudyReads;
import org.onecity.imaging.ingest.Spool;
import org.onecity.imaging.render.FrameRenderer;
import org.onecity.imaging.render.NotRenderable;
import org.onecity.imaging.render.PixelFormat;
import org.onecity.imaging.store.InstanceObjects;
import org.springframework.stereotype.Component;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Rendered frames (PS3.18 8.3.5, 10.4.1.1.3) in every transfer syntax the archive stores: a native frame is read
 * by range with the header before it; a compressed one is decoded to native by the transcoder first (a frame of a
 * multi-frame object alone, written as a one-frame object, when each frame is one fragment; else the whole object),
 * then drawn by {@link FrameRenderer}. A frame larger than 64 MB decoded is not rendered.
 */
@Component
class Rendering {

    private static final long MAX_FRAME = 64L * 1024 * 1024;

    private final InstanceObjects objects;
    private final Transcoding transcoding;

    Rendering(InstanceObjects objects, Transcoding transcoding) {
        this.objects = objects;
        this.transcoding = transcoding;
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

    /** A native frame and how to draw it. */
    private record Frame(PixelFormat format, byte[] bytes) {
    }

    byte[] render(StoredInstance instance, StudyReads reads, int frame, Window window, boolean png) {
        var layout = reads.pixelLayout(instance.sopInstanceUid())
                .orElseThrow(() -> new DicomWebProblem(404, "Instance " + instance.sopInstanceUid() + " has no pixel data"));
        int frames = instance.frames() == null || instance.frames() < 1 ? 1 : instance.frames();
        if (frame > frames) {
            throw new DicomWebProblem(404, "Instance " + instance.sopInstanceUid() + " has " + frames + " frame(s), not "
                    + frame);
        }
        Frame pixels;
        try {
            pixels = layout.encapsulated() ? decodedFrame(instance, layout, frame, frames) : nativeFrame(instance, layout, frame);
        } catch (TranscodingFailed e) {
            throw new DicomWebProblem(406, "Frame " + frame + " of " + instance.sopInstanceUid() + " cannot be decoded: "
                    + e.getMessage() + "; retrieve the frame or the instance instead");
        }
        BufferedImage image;
        try {
            image = FrameRenderer.render(pixels.format(), pixels.bytes(), window.center(), window.width());
        } catch (NotRenderable e) {
            throw new DicomWebProblem(406, e.getMessage() + "; retrieve the frame or the instance instead");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, png ? "png" : "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A native frame: the header read up to the pixel data, the frame's bytes by range. */
    private Frame nativeFrame(StoredInstance instance, StudyReads.PixelLayout layout, int frame) {
        PixelFormat format = PixelFormat.of(header(layout.objectKey(), layout.offset()));
        long size = format.frameBytes();
        if (size > MAX_FRAME) {
            throw new DicomWebProblem(406, "The frame is too large to render (" + size + " bytes)");
        }
        long bitOffset = (frame - 1) * (long) format.rows() * format.columns() * format.samples() * format.bitsAllocated();
        if (bitOffset % 8 != 0) {
            throw new DicomWebProblem(406, "Frame " + frame + " of " + instance.sopInstanceUid()
                    + " does not begin on a byte; retrieve the instance instead");
        }
        long offset = layout.offset() + bitOffset / 8;
        if (bitOffset / 8 + size > layout.length()) {
            throw new DicomWebProblem(406, "Instance " + instance.sopInstanceUid() + " holds less pixel data than its"
                    + " attributes describe");
        }
        try (InputStream in = objects.open(layout.objectKey(), offset, size)) {
            return new Frame(format, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A compressed frame decoded: alone when each frame is one fragment, else with the whole object. */
    private Frame decodedFrame(StoredInstance instance, StudyReads.PixelLayout layout, int frame, int frames) {
        AttributeList header = header(layout.objectKey(), layout.offset());
        long decodedSize = PixelFormat.of(header).frameBytes();
        if (decodedSize > MAX_FRAME) {
            throw new DicomWebProblem(406, "The frame is too large to render (" + decodedSize + " bytes decoded)");
        }
        boolean alone = frames > 1 && layout.fragments().length / 2 == frames;
        Path source = alone ? oneFrameObject(instance, header, layout, frame) : transcoding.fetch(instance.objectKey());
        Path decoded = null;
        try {
            decoded = transcoding.transcoder().decode(source);
            return frameOf(decoded, alone ? 1 : frame);
        } finally {
            Spool.delete(source);
            if (decoded != null) {
                Spool.delete(decoded);
            }
        }
    }

    /** The frame of a decoded (explicit little endian) file, read by range from the file. */
    private static Frame frameOf(Path decoded, int frame) {
        try {
            AttributeList header = new AttributeList();
            long stoppedAt = header.read(decoded.toFile(), TagFromName.PixelData);
            PixelFormat format = PixelFormat.of(header);
            PixelDataExtent extent = PixelDataExtent.walk(decoded, stoppedAt - 4, true);
            long size = format.frameBytes();
            long offset = (frame - 1) * size;
            if (extent.encapsulated() || offset + size > extent.length()) {
                throw new TranscodingFailed("The decoded pixel data does not hold frame " + frame);
            }
            byte[] bytes = new byte[(int) size];
            try (RandomAccessFile in = new RandomAccessFile(decoded.toFile(), "r")) {
                in.seek(extent.valueOffset() + offset);
                in.readFully(bytes);
            }
            return new Frame(format, bytes);
        } catch (IOException | DicomException e) {
            throw new TranscodingFailed("The decoded object cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * One frame of an encapsulated multi-frame object as an object of its own: the header with Number of Frames 1,
     * and the frame's fragment behind an empty offset table.
     */
    private Path oneFrameObject(StoredInstance instance, AttributeList header, StudyReads.PixelLayout layout, int frame) {
        Path file = transcoding.fetchInto(out -> {
            try {
                IntegerStringAttribute one = new IntegerStringAttribute(TagFromName.NumberOfFrames);
                one.addValue(1);
                header.put(one);
                header.removeGroupLengthAttributes();
                header.removeMetaInformationHeaderAttributes();
                FileMetaInformation.addFileMetaInformation(header, instance.transferSyntax(), "ONECITY");
                DicomOutputStream dicom = new DicomOutputStream(out, TransferSyntax.ExplicitVRLittleEndian,
                        instance.transferSyntax());
                header.write(dicom);
                dicom.flush();
                long[] pairs = layout.fragments();
                long offset = pairs[2 * (frame - 1)];
                long length = pairs[2 * (frame - 1) + 1];
                out.write(element(0x7FE0, 0x0010, "OB", 0xFFFFFFFFL));
                out.write(item(0xE000, 0));
                out.write(item(0xE000, length));
                try (InputStream in = objects.open(layout.objectKey(), offset, length)) {
                    in.transferTo(out);
                }
                out.write(item(0xE0DD, 0));
            } catch (DicomException e) {
                throw new TranscodingFailed("Cannot write frame " + frame + " as an object: " + e.getMessage(), e);
            }
        });
        return file;
    }

    /** The attributes before the pixel data, read from the object's first bytes. */
    private AttributeList header(String objectKey, long pixelOffset) {
        try (InputStream in = new BufferedInputStream(objects.open(objectKey, 0, pixelOffset))) {
            AttributeList header = new AttributeList();
            header.read(new DicomInputStream(in), TagFromName.PixelData);
            return header;
        } catch (IOException | DicomException e) {
            throw new DicomWebProblem(406, "The instance's header cannot be read for rendering: " + e.getMessage());
        }
    }

    private static byte[] element(int group, int element, String vr, long length) {
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) group).putShort((short) element).put(vr.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putShort((short) 0).putInt((int) length);
        return header.array();
    }

    private static byte[] item(int element, long length) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0xFFFE).putShort((short) element)
                .putInt((int) length).array();
    }
}
