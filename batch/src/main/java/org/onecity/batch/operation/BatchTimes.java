package org.onecity.batch.operation;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** Spring Batch keeps its times without a zone, in the batch's own; an instant means the same to every reader. */
public final class BatchTimes {

    private BatchTimes() {
    }

    public static Instant instant(LocalDateTime batchTime) {
        return batchTime == null ? null : batchTime.atZone(ZoneId.systemDefault()).toInstant();
    }
}
