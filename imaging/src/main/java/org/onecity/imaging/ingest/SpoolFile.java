package org.onecity.imaging.ingest;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An incoming object being written to the spool. Its SHA-256 is taken as the bytes pass, so that the object's key and
 * the duplicate check need no second read of the file.
 */
public final class SpoolFile extends OutputStream {

    private static final int BUFFER = 256 * 1024;

    private final Path file;
    private final OutputStream out;
    private final MessageDigest sha256;
    private String digest;

    SpoolFile(Path file) throws IOException {
        this.file = file;
        this.out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256", e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        sha256.update((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        sha256.update(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
        if (digest == null) {
            out.close();
            digest = HexFormat.of().formatHex(sha256.digest());
        }
    }

    public Path file() {
        return file;
    }

    /** The SHA-256 of everything written, in hex; known once the file is closed. */
    public String sha256() {
        if (digest == null) {
            throw new IllegalStateException("The spool file " + file + " is still being written");
        }
        return digest;
    }

    /** Closes and deletes the file, whatever state it is in. */
    public void discard() {
        try {
            close();
        } catch (IOException e) {
            // the file goes anyway
        }
        Spool.delete(file);
    }
}
