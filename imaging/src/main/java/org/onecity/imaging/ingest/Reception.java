package org.onecity.imaging.ingest;

import org.onecity.imaging.dicom.DataSetBounds;
import org.onecity.imaging.dicom.DeflatedDataSet;
import org.onecity.imaging.dicom.Refused;
import org.onecity.common.memory.HeapBudget;
import org.onecity.imaging.dicom.HeaderMemory;
import org.onecity.imaging.dicom.ReceivedObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * How a spooled object is taken in, by C-STORE or STOW-RS alike: its headers walked and refused if any length lies,
 * then memory held for its header while it is read and stored, then released.
 */
public class Reception {

    /** As the header check: a deflated data set may not inflate to more than this many times its size. */
    private static final long MAX_INFLATION = 64;
    /** Big endian objects are read whole to be converted: up to this size, holding twice it while they are. */
    private static final long MAX_BIG_ENDIAN = 16L * 1024 * 1024;

    private final DataSetBounds bounds;
    private final HeaderMemory memory;
    private final BigEndianConversion bigEndian;
    private final Spool spool;

    public Reception(DataSetBounds bounds, HeaderMemory memory, Spool spool) {
        this.bounds = bounds;
        this.memory = memory;
        this.bigEndian = new BigEndianConversion(spool, MAX_BIG_ENDIAN);
        this.spool = spool;
    }

    /** Reads the object and hands it to {@code then} while its header's memory is held. */
    public <T> T receive(SpoolFile spooled, Function<ReceivedObject, T> then) {
        return receive(spooled.file(), spooled.sha256(), spooled.dataSetSha256(), then);
    }

    public <T> T receive(Path file, String sha256, String dataSetSha256, Function<ReceivedObject, T> then) {
        DataSetBounds.Walked walked = bounds.checkFile(file);
        if (BigEndianConversion.EXPLICIT_BIG.equals(walked.transferSyntax())) {
            SpoolFile converted;
            try (HeapBudget.Lease lease = memory.lease(2 * Math.min(SpoolFile.sizeOf(file), MAX_BIG_ENDIAN))) {
                converted = bigEndian.toLittleEndian(file);
            }
            try {
                return receive(converted, then);
            } finally {
                converted.discard();
            }
        }
        if (DeflatedDataSet.DEFLATED.equals(walked.transferSyntax())) {
            SpoolFile inflated = inflate(file);
            try (HeapBudget.Lease lease = memory.lease(walked.headerBytes())) {
                return then.apply(ReceivedObject.read(file, sha256, dataSetSha256).withPixelsIn(inflated.file()));
            } finally {
                inflated.discard();
            }
        }
        try (HeapBudget.Lease lease = memory.lease(walked.headerBytes())) {
            return then.apply(ReceivedObject.read(file, sha256, dataSetSha256));
        }
    }

    /** A deflated object's inflated copy, where its pixel data can be found and later read by range. */
    private SpoolFile inflate(Path file) {
        SpoolFile inflated = spool.write();
        try (inflated; InputStream in = Files.newInputStream(file)) {
            DeflatedDataSet.inflate(in, inflated, MAX_INFLATION * Math.max(1, Files.size(file)));
            return inflated;
        } catch (IOException e) {
            inflated.discard();
            throw Refused.cannotUnderstand("Truncated deflated object: " + e.getMessage());
        } catch (RuntimeException e) {
            inflated.discard();
            throw e;
        }
    }

    public DataSetBounds bounds() {
        return bounds;
    }
}
