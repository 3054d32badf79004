package org.onecity.imaging.ingest;

import org.onecity.imaging.dicom.DataSetBounds;
import org.onecity.common.memory.HeapBudget;
import org.onecity.imaging.dicom.HeaderMemory;
import org.onecity.imaging.dicom.ReceivedObject;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * How a spooled object is taken in, by C-STORE or STOW-RS alike: its headers walked and refused if any length lies,
 * then memory held for its header while it is read and stored, then released.
 */
public class Reception {

    /** Big endian objects are read whole to be converted: up to this size, holding twice it while they are. */
    private static final long MAX_BIG_ENDIAN = 16L * 1024 * 1024;

    private final DataSetBounds bounds;
    private final HeaderMemory memory;
    private final BigEndianConversion bigEndian;

    public Reception(DataSetBounds bounds, HeaderMemory memory, Spool spool) {
        this.bounds = bounds;
        this.memory = memory;
        this.bigEndian = new BigEndianConversion(spool, MAX_BIG_ENDIAN);
    }

    /** Reads the object and hands it to {@code then} while its header's memory is held. */
    public <T> T receive(SpoolFile spooled, Function<ReceivedObject, T> then) {
        return receive(spooled.file(), spooled.sha256(), spooled.dataSetSha256(), then);
    }

    public <T> T receive(Path file, String sha256, String dataSetSha256, Function<ReceivedObject, T> then) {
        DataSetBounds.Walked walked = bounds.checkFile(file);
        if (BigEndianConversion.EXPLICIT_BIG.equals(walked.transferSyntax())) {
            SpoolFile converted;
            try (HeapBudget.Lease lease = memory.lease(2 * Math.min(size(file), MAX_BIG_ENDIAN))) {
                converted = bigEndian.toLittleEndian(file);
            }
            try {
                return receive(converted, then);
            } finally {
                converted.discard();
            }
        }
        try (HeapBudget.Lease lease = memory.lease(walked.headerBytes())) {
            return then.apply(ReceivedObject.read(file, sha256, dataSetSha256));
        }
    }

    private static long size(Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public DataSetBounds bounds() {
        return bounds;
    }
}
