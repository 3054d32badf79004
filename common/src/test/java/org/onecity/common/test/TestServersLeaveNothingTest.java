package org.onecity.common.test;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test JVM that started the shared PostgreSQL and S3 server leaves nothing behind when it exits, whether or not
 * it ran a Spring application: no server process, no data folder.
 */
class TestServersLeaveNothingTest {

    /** The child JVM: starts both servers, says where they are, and exits as a test JVM does (System.exit). */
    public static void main(String[] args) {
        var database = TestInfrastructure.database();
        var store = TestInfrastructure.objectStore();
        System.out.println("DATABASE " + database.baseUrl());
        System.out.println("STORE " + store.endpoint());
        System.out.flush();
        System.exit(0);
    }

    @Test
    void the_servers_of_a_test_jvm_are_stopped_and_their_folders_removed_when_it_exits() throws Exception {
        List<Path> before = testFolders();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TestServersLeaveNothingTest.class.getName()).redirectErrorStream(true).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child JVM exits").isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output).contains("DATABASE ").contains("STORE ");
        if (output.contains("Testcontainers")) {
            return; // a container is the engine's to remove
        }

        int databasePort = port(output, "DATABASE jdbc:postgresql://127.0.0.1:");
        int storePort = port(output, "STORE http://127.0.0.1:");
        assertThat(listening(databasePort)).as("PostgreSQL stopped").isFalse();
        assertThat(listening(storePort)).as("S3 server stopped").isFalse();
        assertThat(testFolders()).as("no new data folder left").isSubsetOf(before);
    }

    private static int port(String output, String prefix) {
        int at = output.indexOf(prefix) + prefix.length();
        int end = at;
        while (end < output.length() && Character.isDigit(output.charAt(end))) {
            end++;
        }
        return Integer.parseInt(output.substring(at, end));
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static List<Path> testFolders() throws IOException {
        try (var list = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return list.filter(p -> p.getFileName().toString().startsWith("onecity-test-")).toList();
        }
    }
}
