package org.onecity.imaging.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local folder where incoming objects land before they are stored: bytes arrive from the network at the
 * sender's pace, and only a whole, checked object goes on to the object store.
 */
public class Spool {

    private final Path folder;

    public Spool(Path folder) {
        this.folder = folder;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the spool folder " + folder, e);
        }
    }

    public Path newFile() {
        try {
            return Files.createTempFile(folder, "incoming-", ".dcm");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a spool file in " + folder, e);
        }
    }

    /** A new spool file open for writing, its bytes digested as they are written. */
    public SpoolFile write() {
        Path file = newFile();
        try {
            return new SpoolFile(file);
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException("Cannot write a spool file in " + folder, e);
        }
    }

    public Path folder() {
        return folder;
    }

    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover spool file is removed at the next start
        }
    }
}
