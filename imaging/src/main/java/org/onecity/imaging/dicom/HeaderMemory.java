package org.onecity.imaging.dicom;

import org.onecity.common.memory.HeapBudget;

import java.time.Duration;

/**
 * The part of the heap that objects' headers (everything before the pixel data, read into memory to be indexed) may
 * take at once. An object whose header does not fit waits for others to finish, up to a limit, and is then refused
 * with "out of resources", which a PACS and a DICOMweb client send again; the service never runs out of memory for
 * it. A header is counted at three times its encoded size, for the objects a toolkit makes of it.
 */
public final class HeaderMemory {

    private static final int OVERHEAD = 3;

    private final HeapBudget budget;

    public HeaderMemory(long budgetBytes, Duration wait) {
        this.budget = new HeapBudget(budgetBytes, 1024, wait);
    }

    /** Room for a header of this many bytes, held until the lease is closed. */
    public HeapBudget.Lease lease(long headerBytes) {
        return budget.take(headerBytes * OVERHEAD).orElseThrow(() -> new Refused(DicomStatus.OUT_OF_RESOURCES,
                "The city store is reading many objects at once; nothing was stored, send this one again shortly"));
    }
}
