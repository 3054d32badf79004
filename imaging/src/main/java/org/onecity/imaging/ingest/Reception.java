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

    private final DataSetBounds bounds;
    private final HeaderMemory memory;

    public Reception(DataSetBounds bounds, HeaderMemory memory) {
        this.bounds = bounds;
        this.memory = memory;
    }

    /** Reads the object and hands it to {@code then} while its header's memory is held. */
    public <T> T receive(Path file, String sha256, Function<ReceivedObject, T> then) {
        DataSetBounds.Walked walked = bounds.checkFile(file);
        try (HeapBudget.Lease lease = memory.lease(walked.headerBytes())) {
            return then.apply(ReceivedObject.read(file, sha256));
        }
    }

    public DataSetBounds bounds() {
        return bounds;
    }
}
