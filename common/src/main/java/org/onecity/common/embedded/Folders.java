package org.onecity.common.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The working folders of embedded servers and the processes tests start: made fresh, removed whole. */
public final class Folders {

    private static final Logger log = LoggerFactory.getLogger(Folders.class);

    private Folders() {
    }

    /** Removes the folder and everything in it, if there is one; a file that cannot go is logged, not thrown. */
    public static void delete(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not remove {}: {}", folder, e.toString());
        }
    }

    /** The folder, emptied of whatever an earlier run left there. */
    public static Path fresh(Path folder) {
        delete(folder);
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + folder, e);
        }
    }

    /** A new folder in the system's temporary folder, e.g. {@code onecity-issuer-123}. */
    public static Path temporary(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder " + prefix, e);
        }
    }
}
