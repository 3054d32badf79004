package org.onecity.imaging.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A hospital workstation: dcmtk's storescp on a port, writing what it receives into a folder, accepting the transfer
 * syntaxes its options say; bit-preserving, so a file holds the data set byte for byte as it came over the network.
 * Stopped (and waited for) on close.
 */
public final class Workstation implements AutoCloseable {

    /** storescp's profile that accepts the test objects' storage classes in explicit VR little endian only. */
    private static final String EXPLICIT_ONLY = """
            [[TransferSyntaxes]]
            [ExplicitLittle]
            TransferSyntax1 = 1.2.840.10008.1.2.1

            [[PresentationContexts]]
            [Storage]
            %s

            [[Profiles]]
            [ExplicitOnly]
            PresentationContexts = Storage
            """;
    private static final List<String> STORAGE_CLASSES = List.of("1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.5.1.4.1.1.4",
            "1.2.840.10008.5.1.4.1.1.7", "1.2.840.10008.5.1.4.1.1.1", "1.2.840.10008.5.1.4.1.1.66.4",
            "1.2.840.10008.5.1.4.1.1.481.2", "1.2.840.10008.5.1.4.1.1.6.1", "1.2.840.10008.5.1.4.1.1.20");

    private final Process process;
    private final Path received;

    private Workstation(Process process, Path received) {
        this.process = process;
        this.received = received;
    }

    /** storescp as AE title on the port; options such as {@code +xa} (accept all) or {@code +xi} (implicit only). */
    public static Workstation start(Path folder, String aeTitle, int port, String... options) {
        try {
            Path received = Files.createDirectories(folder.resolve(aeTitle + "-" + System.nanoTime()));
            List<String> command = new ArrayList<>(List.of("storescp", "+B", "-aet", aeTitle, "-od", received.toString()));
            command.addAll(List.of(options));
            command.add(String.valueOf(port));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(received.resolveSibling(received.getFileName() + ".log").toFile()).start();
            awaitListening(process, port);
            return new Workstation(process, received);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start storescp", e);
        }
    }

    /** storescp accepting the test objects' classes in explicit VR little endian and nothing else. */
    public static Workstation explicitOnly(Path folder, String aeTitle, int port) {
        try {
            StringBuilder contexts = new StringBuilder();
            for (int i = 0; i < STORAGE_CLASSES.size(); i++) {
                contexts.append("PresentationContext").append(i + 1).append(" = ").append(STORAGE_CLASSES.get(i))
                        .append("\\ExplicitLittle\n");
            }
            Path configuration = folder.resolve("storescp-explicit-only.cfg");
            Files.writeString(configuration, EXPLICIT_ONLY.formatted(contexts));
            return start(folder, aeTitle, port, "-xf", configuration.toString(), "ExplicitOnly");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The files received so far. */
    public List<Path> received() {
        try (Stream<Path> files = Files.list(received)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitListening(Process process, int port) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("storescp ended at start (port " + port + " taken?)");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        process.destroy();
        throw new IllegalStateException("storescp did not listen on " + port);
    }
}
