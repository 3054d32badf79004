package org.onecity.common.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Drains a service's access-log outbox into the city record at an interval. An entry the city record does not take
 * now stays in the outbox and goes with the next round, in order; nothing is dropped.
 */
public class AccessLogRelayer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccessLogRelayer.class);
    private static final int BATCH = 200;

    private final AccessLogOutbox outbox;
    private final AccessLogRelay relay;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public AccessLogRelayer(AccessLogOutbox outbox, AccessLogRelay relay, Duration interval) {
        this.outbox = outbox;
        this.relay = relay;
        this.interval = interval;
    }

    /** One round: sends what is pending, in order, until the outbox is empty or the city record stops taking. */
    public int drain() {
        int sent = 0;
        while (true) {
            List<RelayedAccess> pending = outbox.pending(BATCH);
            List<String> done = new ArrayList<>();
            try {
                for (RelayedAccess access : pending) {
                    relay.send(access);
                    done.add(access.eventId());
                }
            } catch (AccessLogRelay.NotRelayed e) {
                // what went before the failure is marked, so the next round starts where this one stopped
                log.warn("Access-log entries wait for the city record: {}", e.getMessage());
                return sent + markRelayed(done);
            }
            sent += markRelayed(done);
            if (pending.size() < BATCH) {
                return sent;
            }
        }
    }

    private int markRelayed(List<String> done) {
        if (!done.isEmpty()) {
            outbox.relayed(done);
        }
        return done.size();
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "access-log-relay");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                drain();
            } catch (RuntimeException e) {
                log.error("Access-log relay round failed; it is tried again", e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null && !executor.isShutdown();
    }
}
