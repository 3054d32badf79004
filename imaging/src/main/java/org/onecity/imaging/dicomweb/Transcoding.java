package org.onecity.imaging.dicomweb;

import org.onecity.imaging.codec.Transcoder;
import org.onecity.imaging.codec.TranscodingFailed;
import org.onecity.imaging.ingest.Spool;
import org.onecity.imaging.store.InstanceObjects;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Stored objects in another transfer syntax for DICOMweb: fetched from the object store into the spool, written in
 * the syntax asked for by the transcoder, and the spool files removed whatever happens.
 */
@Component
class Transcoding {

    private final InstanceObjects objects;
    private final Spool spool;
    private final Transcoder transcoder;

    Transcoding(InstanceObjects objects, Spool spool, Transcoder transcoder) {
        this.objects = objects;
        this.spool = spool;
        this.transcoder = transcoder;
    }

    /** Writes the stored object in the syntax to the stream. */
    void write(String objectKey, String syntax, OutputStream out) {
        Path file = fetch(objectKey);
        try {
            transcoder.writePart10(file, syntax, out);
        } finally {
            Spool.delete(file);
        }
    }

    /** The stored object in the syntax as a spool file the caller removes; a failure is a problem with its reason. */
    Path prepare(String sopInstanceUid, String objectKey, String syntax) {
        Path prepared = spool.newFile();
        try (OutputStream out = Files.newOutputStream(prepared)) {
            write(objectKey, syntax, out);
            return prepared;
        } catch (TranscodingFailed e) {
            Spool.delete(prepared);
            throw new DicomWebProblem(406, "Instance " + sopInstanceUid + " cannot be had in " + syntax + ": "
                    + e.getMessage() + "; retrieve it as stored (transfer-syntax=*)");
        } catch (IOException | RuntimeException e) {
            Spool.delete(prepared);
            throw e instanceof RuntimeException runtime ? runtime : new UncheckedIOException((IOException) e);
        }
    }

    /** The whole stored object in the spool, for decoding; the caller removes it. */
    Path fetch(String objectKey) {
        Path file = spool.newFile();
        try (InputStream in = objects.open(objectKey)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException | RuntimeException e) {
            Spool.delete(file);
            throw e instanceof RuntimeException runtime ? runtime : new UncheckedIOException((IOException) e);
        }
    }

    /** Something written into a new spool file. */
    interface Writing {
        void to(OutputStream out) throws IOException;
    }

    /** A new spool file holding what is written; the caller removes it. */
    Path fetchInto(Writing writing) {
        Path file = spool.newFile();
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            writing.to(out);
            return file;
        } catch (IOException | RuntimeException e) {
            Spool.delete(file);
            throw e instanceof RuntimeException runtime ? runtime : new UncheckedIOException((IOException) e);
        }
    }

    Transcoder transcoder() {
        return transcoder;
    }
}
