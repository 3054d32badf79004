package org.onecity.common.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spring Boot service jar run as its own JVM (by the local hub and the benchmarks), its output in a log file. Its
 * temporary files (Tomcat's, say) go to a folder of its own beside the log, removed once it has ended, even by
 * {@code kill -9}: nothing of it is left in the machine's temporary folder.
 */
public final class JarProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JarProcess.class);

    private static final HttpClient HEALTH_CHECKS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Path temporaryFolder;

    private JarProcess(String name, Process process, Path logFile, Path temporaryFolder) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.temporaryFolder = temporaryFolder;
    }

    /**
     * @param heap        the maximum heap, e.g. {@code 1g}
     * @param environment added to this process's environment
     * @param arguments   program arguments, e.g. {@code --spring.profiles.active=...}
     */
    public static JarProcess start(String name, Path jar, String heap, Map<String, String> environment,
            List<String> arguments, Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            Path temporaryFolder = logFile.resolveSibling(logFile.getFileName() + ".tmp");
            Folders.fresh(temporaryFolder);
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+UseParallelGC",
                    "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + temporaryFolder.toAbsolutePath(),
                    "-jar", jar.toString()));
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            log.info("Starting {} (heap {}, log {})", name, heap, logFile);
            return new JarProcess(name, builder.start(), logFile, temporaryFolder);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + name + " from " + jar, e);
        }
    }

    /** Waits until the health URL answers UP; fails early if the process dies. */
    public void awaitHealthy(URI health, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting; see " + logFile);
            }
            if (isHealthy(health)) {
                log.info("{} is up", name);
                return;
            }
            sleep();
        }
        throw new IllegalStateException(name + " did not become healthy in " + timeout + "; see " + logFile);
    }

    /** Asks the health URL once: true when it answers UP. */
    public boolean isHealthy(URI health) {
        try {
            HttpResponse<String> response = HEALTH_CHECKS.send(HttpRequest.newBuilder(health)
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("UP");
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking " + name + " for its health", e);
        }
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, once the process has ended. */
    public java.util.Optional<Integer> exitCode() {
        return process.isAlive() ? java.util.Optional.empty() : java.util.Optional.of(process.exitValue());
    }

    /** Kills the process at once (SIGKILL), as a crash or {@code kill -9} would: no shutdown of any kind. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        removeTemporaryFolder();
    }

    /** Asks the service to stop, and kills it if it has not stopped after 30 seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        removeTemporaryFolder();
    }

    /** Once the process has ended: what it left in its temporary folder goes. */
    public void removeTemporaryFolder() {
        if (!process.isAlive()) {
            Folders.delete(temporaryFolder);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
