package org.onecity.imaging.codec;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.DicomStreamCopier;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Turns a stored Part 10 object into another transfer syntax as it is written out: native objects (implicit or
 * explicit little endian, deflate) are re-encoded element by element by PixelMed, streaming; compressed pixel data
 * (JPEG, JPEG-LS, JPEG 2000, RLE) is decoded by GDCM's {@code gdcmconv --raw} in a process of its own, so a hostile
 * codestream can crash or hang only that process: it is killed after {@code timeout} or once its output passes
 * {@code maxOutput}, and its files in the work folder are always removed. Only the uncompressed little endian
 * syntaxes can be produced; the stored syntax can always be had as it is.
 */
public class Transcoder {

    private static final Logger log = LoggerFactory.getLogger(Transcoder.class);
    private static final long POLL_MS = 50;

    private final String gdcmconv;
    private final Duration timeout;
    private final long maxOutput;
    private final Path workFolder;

    public Transcoder(String gdcmconv, Duration timeout, long maxOutput, Path workFolder) {
        this.gdcmconv = gdcmconv;
        this.timeout = timeout;
        this.maxOutput = maxOutput;
        this.workFolder = workFolder;
    }

    /** Whether an object stored in one syntax can be written in another. */
    public static boolean canProduce(String stored, String target) {
        return stored.equals(target) || TransferSyntaxes.isProducible(target);
    }

    /** Writes the object's data set, without File Meta Information, in the target syntax (a C-STORE's data). */
    public void writeDataSet(Path part10, String target, OutputStream out) {
        write(part10, target, out, false);
    }

    /** Writes the object as a Part 10 object in the target syntax (a WADO-RS part). */
    public void writePart10(Path part10, String target, OutputStream out) {
        write(part10, target, out, true);
    }

    /**
     * The object with its pixel data decoded, as a new explicit little endian Part 10 file in the work folder; the
     * caller removes it.
     */
    public Path decode(Path part10) {
        Path decoded = newFile("decoded-");
        try (OutputStream out = Files.newOutputStream(decoded)) {
            writePart10(part10, TransferSyntaxes.EXPLICIT_LITTLE, out);
            return decoded;
        } catch (IOException | RuntimeException e) {
            delete(decoded);
            throw e instanceof TranscodingFailed failed ? failed
                    : new TranscodingFailed("Cannot write the decoded object: " + e.getMessage(), e);
        }
    }

    private void write(Path part10, String target, OutputStream out, boolean withMeta) {
        String stored = storedSyntax(part10);
        if (!canProduce(stored, target)) {
            throw new TranscodingFailed("The archive cannot turn " + stored + " into " + target);
        }
        if (stored.equals(target) && withMeta) {
            copyWhole(part10, out);
            return;
        }
        if (stored.equals(target) || TransferSyntaxes.isNative(stored)) {
            copy(part10, target, out, withMeta);
            return;
        }
        Path decoded = gdcm(part10);
        try {
            copy(decoded, target, out, withMeta);
        } finally {
            delete(decoded);
        }
    }

    private static void copyWhole(Path part10, OutputStream out) {
        try {
            Files.copy(part10, out);
        } catch (IOException e) {
            throw new TranscodingFailed("Cannot copy the object: " + e.getMessage(), e);
        }
    }

    /** Copies a data set whose pixel data PixelMed can re-encode: as is when the syntax stays, else element by element. */
    private static void copy(Path part10, String target, OutputStream out, boolean withMeta) {
        try (DicomInputStream in = new DicomInputStream(new BufferedInputStream(Files.newInputStream(part10), 1 << 16))) {
            AttributeList meta = new AttributeList();
            meta.readOnlyMetaInformationHeader(in);
            String stored = Attribute.getSingleStringValueOrNull(meta, TagFromName.TransferSyntaxUID);
            OutputStream kept = new KeptOpen(out);
            if (withMeta) {
                writeMeta(meta, target, kept);
            }
            if (target.equals(stored)) {
                long length = in.transferTo(kept);
                if (!withMeta && length % 2 == 1) {
                    // a data set goes over the network in even length; a deflated one of odd length takes a trailing
                    // NULL (PS3.5 A.5), else receivers pad it as they please
                    kept.write(0);
                }
                kept.flush();
            } else {
                // the copier closes its stream when done; the caller's stays open
                new DicomStreamCopier(in, new DicomOutputStream(kept, null, target));
            }
        } catch (IOException | DicomException e) {
            throw new TranscodingFailed("Cannot re-encode the data set in " + target + ": " + e.getMessage(), e);
        }
    }

    private static void writeMeta(AttributeList meta, String target, OutputStream out) throws IOException, DicomException {
        // a new File Meta Information: the archive wrote this object, in this syntax
        AttributeList changed = new FileMetaInformation(
                Attribute.getSingleStringValueOrEmptyString(meta, TagFromName.MediaStorageSOPClassUID),
                Attribute.getSingleStringValueOrEmptyString(meta, TagFromName.MediaStorageSOPInstanceUID), target,
                Attribute.getSingleStringValueOrNull(meta, TagFromName.SourceApplicationEntityTitle)).getAttributeList();
        DicomOutputStream dicom = new DicomOutputStream(out, TransferSyntax.ExplicitVRLittleEndian, target);
        changed.write(dicom);
        dicom.flush();
    }

    /** gdcmconv's decoded copy of the object, explicit little endian, in the work folder. */
    private Path gdcm(Path part10) {
        Path decoded = newFile("gdcm-");
        Path messages = newFile("gdcm-log-");
        Process process = null;
        boolean done = false;
        try {
            process = new ProcessBuilder(List.of(gdcmconv, "--raw", "-X", part10.toString(), decoded.toString()))
                    .redirectErrorStream(true).redirectOutput(messages.toFile()).start();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!process.waitFor(POLL_MS, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() > deadline) {
                    throw new TranscodingFailed("Decoding the pixel data took longer than " + timeout.toSeconds() + " s");
                }
                if (Files.size(decoded) > maxOutput) {
                    throw new TranscodingFailed("The decoded object would pass " + maxOutput + " bytes");
                }
            }
            if (process.exitValue() != 0 || Files.size(decoded) == 0) {
                throw new TranscodingFailed("The pixel data cannot be decoded: " + firstLine(messages));
            }
            if (Files.size(decoded) > maxOutput) {
                throw new TranscodingFailed("The decoded object would pass " + maxOutput + " bytes");
            }
            done = true;
            return decoded;
        } catch (IOException e) {
            throw new TranscodingFailed("Cannot run " + gdcmconv + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscodingFailed("Interrupted while decoding", e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
                awaitEnd(process);
            }
            if (!done) {
                delete(decoded);
            }
            delete(messages);
        }
    }

    private static void awaitEnd(Process process) {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String storedSyntax(Path part10) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(part10))) {
            AttributeList meta = new AttributeList();
            meta.readOnlyMetaInformationHeader(new DicomInputStream(in));
            String syntax = Attribute.getSingleStringValueOrNull(meta, TagFromName.TransferSyntaxUID);
            if (syntax == null) {
                throw new TranscodingFailed("The object has no Transfer Syntax UID");
            }
            return syntax.trim();
        } catch (IOException | DicomException e) {
            throw new TranscodingFailed("Cannot read the object's File Meta Information: " + e.getMessage(), e);
        }
    }

    private static String firstLine(Path messages) {
        try {
            String text = Files.readString(messages, StandardCharsets.ISO_8859_1).strip();
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            return line.isEmpty() ? "gdcmconv failed" : line.substring(0, Math.min(line.length(), 200));
        } catch (IOException e) {
            return "gdcmconv failed";
        }
    }

    private Path newFile(String prefix) {
        try {
            Files.createDirectories(workFolder);
            return Files.createTempFile(workFolder, prefix, ".dcm");
        } catch (IOException e) {
            throw new TranscodingFailed("Cannot create a file in " + workFolder + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot remove {}: {}", file, e.toString());
        }
    }

    /** An output stream whose close only flushes: the caller owns the stream it passed. */
    private static final class KeptOpen extends FilterOutputStream {
        KeptOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
