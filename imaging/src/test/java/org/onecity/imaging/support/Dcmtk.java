package org.onecity.imaging.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** dcmtk's command line tools (Debian's dcmtk): the real DICOM peers and file makers of the tests. */
public final class Dcmtk {

    private Dcmtk() {
    }

    /** What a tool did: its exit code and everything it printed. */
    public record Run(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    public static Run run(String... command) {
        try {
            Path log = Files.createTempFile("dcmtk-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Run(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command[0] + " (is Debian's dcmtk installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a tool and insists it succeeds. */
    public static Run ok(String... command) {
        Run run = run(command);
        if (!run.succeeded()) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + run.exitCode() + "):\n" + run.output());
        }
        return run;
    }

    /** One attribute's value in a file, as dcmdump prints it (e.g. {@code "0008,0018"}). */
    public static String value(java.nio.file.Path file, String tag) {
        String dump = ok("dcmdump", "+P", tag, file.toString()).output();
        return dump.substring(dump.indexOf('[') + 1, dump.indexOf(']'));
    }

    /** A command line from parts, leaving out nulls. */
    public static String[] command(Object... parts) {
        List<String> command = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof List<?> list) {
                list.forEach(p -> command.add(String.valueOf(p)));
            } else if (part != null) {
                command.add(String.valueOf(part));
            }
        }
        return command.toArray(String[]::new);
    }
}
