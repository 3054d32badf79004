package org.onecity.hub;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Starts the packaged hub as `./onecity run` does, for the end-to-end tests and the soak benchmark. */
final class HubLauncher {

    private HubLauncher() {
    }

    /**
     * Runs {@code java -jar deploy/hub/target/onecity-hub.jar} and returns once it prints that it is running; its
     * output is then read to its end in the background, so the hub never blocks on it.
     *
     * @param home   the repository's root
     * @param data   the hub's data directory
     * @param offset added to every port, so that the hub does not meet a developer's running one
     */
    static Process start(Path home, Path data, int offset, Duration within) throws IOException {
        return start(home, data, offset, within, Map.of());
    }

    /** As {@link #start(Path, Path, int, Duration)}, with more of the hub's settings in its environment. */
    static Process start(Path home, Path data, int offset, Duration within, Map<String, String> settings)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar",
                home.resolve("deploy/hub/target/onecity-hub.jar").toString()).redirectErrorStream(true);
        builder.environment().put("ONECITY_HOME", home.toString());
        builder.environment().put("ONECITY_DATA_DIR", data.toString());
        builder.environment().put("ONECITY_PORT_OFFSET", String.valueOf(offset));
        builder.environment().putAll(settings);
        Process hub = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(hub.getInputStream(), StandardCharsets.UTF_8));
        Instant deadline = Instant.now().plus(within);
        String line;
        while ((line = out.readLine()) != null && Instant.now().isBefore(deadline)) {
            if (line.contains("OneCity health hub is running")) {
                drainInBackground(out);
                return hub;
            }
        }
        hub.descendants().forEach(ProcessHandle::destroyForcibly);
        hub.destroyForcibly();
        throw new IllegalStateException("The hub did not start; see " + data.resolve("logs"));
    }

    private static void drainInBackground(BufferedReader out) {
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe open so the hub never blocks on its output
                }
            } catch (IOException ignored) {
                // the hub stopped
            }
        });
        drain.setDaemon(true);
        drain.start();
    }
}
