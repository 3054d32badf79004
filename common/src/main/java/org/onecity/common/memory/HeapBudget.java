package org.onecity.common.memory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A share of a service's heap, counted in some unit (bytes of request bodies, entries of transactions, bytes of
 * DICOM headers): work takes its share before it starts and gives it back when it ends; work that finds no room
 * within a wait is refused, to be sent again, rather than taking the service down. A share larger than the whole
 * budget waits for the whole budget. Waiting is fair: first come, first served.
 */
public final class HeapBudget {

    private final Semaphore permits;
    private final int capacity;
    private final long unitsPerPermit;
    private final Duration wait;

    /**
     * @param capacity       the units that may be held at once
     * @param unitsPerPermit the granularity (1024 for bytes keeps the count within an int)
     * @param wait           how long work waits for room before it is refused
     */
    public HeapBudget(long capacity, long unitsPerPermit, Duration wait) {
        this.unitsPerPermit = unitsPerPermit;
        this.capacity = (int) Math.max(1, Math.min(Integer.MAX_VALUE, capacity / unitsPerPermit));
        this.permits = new Semaphore(this.capacity, true);
        this.wait = wait;
    }

    /** Room for {@code amount} units, waiting up to the budget's wait; empty when there was none in time. */
    public Optional<Lease> take(long amount) {
        int wanted = (int) Math.min(capacity, Math.max(1, (amount + unitsPerPermit - 1) / unitsPerPermit));
        try {
            return permits.tryAcquire(wanted, wait.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(new Lease(wanted))
                    : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Room held until closed; closing twice gives it back once. */
    public final class Lease implements AutoCloseable {
        private int held;

        private Lease(int held) {
            this.held = held;
        }

        @Override
        public synchronized void close() {
            if (held > 0) {
                permits.release(held);
                held = 0;
            }
        }
    }
}
