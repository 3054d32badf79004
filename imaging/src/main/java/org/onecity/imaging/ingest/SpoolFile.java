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
 * An incoming object being written to the spool. Two SHA-256 are taken as the bytes pass, so neither needs a second
 * read of the file: of the whole object, for its key in the object store, and of its data set alone (after the
 * Part 10 File Meta Information, group 0002), for the duplicate check: the meta group says who sent the object and
 * by what door, not what it is, and the archive writes its own for a C-STORE.
 */
public final class SpoolFile extends OutputStream {

    private static final int BUFFER = 256 * 1024;

    private final Path file;
    private final OutputStream out;
    private final MessageDigest sha256;
    private final MessageDigest dataSetSha256;
    private final byte[] preamble = new byte[PREAMBLE];
    private long written;
    /** Where the data set starts, once the preamble has been seen; -1 before. */
    private long dataSetStart = -1;
    private String digest;
    private String dataSetDigest;

    /** 128 bytes of preamble, "DICM", then (0002,0000) UL: the length of the rest of the meta group. */
    private static final int PREAMBLE = 128 + 4 + 12;

    SpoolFile(Path file) throws IOException {
        this.file = file;
        this.out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
            this.dataSetSha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256", e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        sha256.update(bytes, offset, length);
        long start = written;
        written += length;
        if (dataSetStart < 0) {
            int kept = (int) Math.min(PREAMBLE - start, length);
            if (kept > 0) {
                System.arraycopy(bytes, offset, preamble, (int) start, kept);
            }
            if (written < PREAMBLE) {
                return;
            }
            dataSetStart = dataSetStart(preamble, PREAMBLE);
            if (dataSetStart < start) {
                // no meta group: the data set began with the bytes already kept
                dataSetSha256.update(preamble, (int) dataSetStart, (int) (start - dataSetStart));
            }
        }
        long from = Math.max(start, dataSetStart);
        if (from < written) {
            dataSetSha256.update(bytes, offset + (int) (from - start), (int) (written - from));
        }
    }

    /** Where the data set starts: after the meta group a Part 10 preamble announces, else at the first byte. */
    private static long dataSetStart(byte[] head, int length) {
        boolean part10 = length >= PREAMBLE && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M'
                && head[132] == 2 && head[133] == 0 && head[134] == 0 && head[135] == 0 && head[136] == 'U' && head[137] == 'L';
        if (!part10) {
            return 0;
        }
        long groupLength = (head[140] & 0xFFL) | (head[141] & 0xFFL) << 8 | (head[142] & 0xFFL) << 16 | (head[143] & 0xFFL) << 24;
        return PREAMBLE + groupLength;
    }

    @Override
    public void close() throws IOException {
        if (digest == null) {
            out.close();
            if (dataSetStart < 0) {
                // shorter than a preamble: all of it is the data set, as far as the duplicate check goes
                dataSetSha256.update(preamble, 0, (int) written);
            }
            digest = HexFormat.of().formatHex(sha256.digest());
            dataSetDigest = HexFormat.of().formatHex(dataSetSha256.digest());
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

    /** The SHA-256 of the data set without the File Meta Information, in hex; known once the file is closed. */
    public String dataSetSha256() {
        sha256();
        return dataSetDigest;
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

    /** The size of a spooled file; the spool is local disk, so a failure here is a broken machine, not bad input. */
    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
