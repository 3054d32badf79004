package org.onecity.imaging.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The test files of pydicom, a public DICOM library (Debian's python3-pydicom, installed by deploy/prerequisites.sh):
 * real-world objects of many transfer syntaxes, modalities and defects. Copies get fresh UIDs, so that tests sharing
 * the index never meet each other's objects.
 */
public final class PydicomFiles {

    public static final Path FOLDER = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    private PydicomFiles() {
    }

    public static Path original(String name) {
        Path file = FOLDER.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: run deploy/prerequisites.sh (python3-pydicom)");
        }
        return file;
    }

    /** Every .dcm file of the corpus, by name. */
    public static List<String> all() {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".dcm")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy in the folder with new Study, Series and SOP Instance UIDs; a file dcmtk cannot rewrite (a defective
     * one) is copied as it is.
     */
    public static Path withNewUids(String name, Path folder) {
        try {
            Files.createDirectories(folder);
            Path copy = folder.resolve(name);
            Files.copy(original(name), copy);
            Dcmtk.Run run = Dcmtk.run("dcmodify", "-nb", "-gst", "-gse", "-gin", copy.toString());
            if (!run.succeeded()) {
                Files.copy(original(name), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
