package org.onecity.hub;

import org.onecity.common.embedded.JarProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps the hub's services running: a service that exits (a crash, an out-of-memory exit, a {@code kill -9}) is
 * started again, after 1, 2, 4 ... up to 30 seconds when it keeps failing, and back to 1 second once it has run for
 * five minutes. Every exit and restart is logged, and the state of each service (pid, running or restarting, how
 * many restarts) is written to {@code hub-status.json} in the data folder and shown by the banner.
 */
final class Supervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);
    private static final Duration STABLE = Duration.ofMinutes(5);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    /** One supervised service. */
    static final class Service {
        final ServiceSpec spec;
        final Supplier<JarProcess> starter;
        final URI health;
        volatile JarProcess process;
        volatile String state = "starting";
        volatile int restarts;
        volatile Instant startedAt = Instant.now();
        volatile Duration backoff = Duration.ofSeconds(1);
        volatile Instant restartAt;

        Service(ServiceSpec spec, Supplier<JarProcess> starter, URI health) {
            this.spec = spec;
            this.starter = starter;
            this.health = health;
        }
    }

    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Path statusFile;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "hub-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;

    Supervisor(Path statusFile) {
        this.statusFile = statusFile;
    }

    /** Starts a service and keeps it running. */
    void start(ServiceSpec spec, Supplier<JarProcess> starter, URI health) {
        Service service = new Service(spec, starter, health);
        service.process = starter.get();
        services.put(spec.name(), service);
        writeStatus();
    }

    /** Waits until every service is healthy, then watches them. */
    void awaitHealthyAndWatch() {
        services.values().forEach(s -> {
            s.process.awaitHealthy(s.health, START_TIMEOUT);
            s.state = "running";
        });
        writeStatus();
        watcher.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
    }

    Map<String, Service> services() {
        return services;
    }

    private void watch() {
        for (Service service : services.values()) {
            try {
                watch(service);
            } catch (RuntimeException e) {
                log.error("Supervising {} failed; trying again", service.spec.name(), e);
            }
        }
    }

    private void watch(Service service) {
        if (stopping) {
            return;
        }
        if (service.restartAt == null && !service.process.isAlive()) {
            if (Duration.between(service.startedAt, Instant.now()).compareTo(STABLE) > 0) {
                service.backoff = Duration.ofSeconds(1);
            }
            service.restartAt = Instant.now().plus(service.backoff);
            service.state = "restarting";
            log.error("{} exited (exit code {}, pid {}); restarting it in {} s (restart {}); see {}", service.spec.name(),
                    exitCode(service.process), service.process.pid(), service.backoff.toSeconds(), service.restarts + 1,
                    service.process.logFile());
            writeStatus();
            return;
        }
        if (service.restartAt != null && Instant.now().isAfter(service.restartAt)) {
            service.restartAt = null;
            service.restarts++;
            service.backoff = service.backoff.multipliedBy(2).compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF
                    : service.backoff.multipliedBy(2);
            service.startedAt = Instant.now();
            service.process = service.starter.get();
            service.state = "starting";
            writeStatus();
            return;
        }
        // Asked once a second rather than waited for, so that services that died together come back together.
        if ("starting".equals(service.state) && service.process.isAlive() && service.process.isHealthy(service.health)) {
            service.state = "running";
            log.info("{} is back (restart {}, pid {})", service.spec.name(), service.restarts, service.process.pid());
            writeStatus();
        }
    }

    private static String exitCode(JarProcess process) {
        return process.exitCode().map(String::valueOf).orElse("?");
    }

    /** The services' state as JSON, replaced whole, for people and for tests. */
    private synchronized void writeStatus() {
        StringBuilder json = new StringBuilder("{");
        services.values().forEach(s -> json.append(json.length() > 1 ? "," : "").append(String.format(
                "%n  \"%s\": {\"pid\": %d, \"state\": \"%s\", \"restarts\": %d}", s.spec.name(), s.process.pid(),
                s.state, s.restarts)));
        json.append("\n}\n");
        try {
            Files.createDirectories(statusFile.getParent());
            Path next = statusFile.resolveSibling(statusFile.getFileName() + ".next");
            Files.writeString(next, json);
            Files.move(next, statusFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("Cannot write {}: {}", statusFile, e.getMessage());
        }
    }

    @Override
    public void close() {
        stopping = true;
        watcher.shutdownNow();
        services.values().forEach(s -> s.process.close());
    }
}
