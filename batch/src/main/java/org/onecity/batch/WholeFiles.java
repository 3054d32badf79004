package org.onecity.batch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files the batch hands to insurers and operators are written whole or not at all: into a {@code .partial} file
 * beside, then moved into place in one step, so nobody ever reads half a settlement file or report.
 */
public final class WholeFiles {

    private WholeFiles() {
    }

    public interface Body {
        void write(BufferedWriter out) throws IOException;
    }

    /** Writes the file as UTF-8 text. */
    public static void write(Path file, Body body) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            body.write(out);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static void write(Path file, String text) throws IOException {
        write(file, out -> out.write(text));
    }
}
