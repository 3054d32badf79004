package org.onecity.common.test;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.web.embedded.EmbeddedWebServerFactoryCustomizerAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test JVM that started the shared PostgreSQL, S3 server and issuer, and a web application of its own, leaves
 * nothing behind when it exits, whether or not it ran a Spring application: no server process, no data folder,
 * no web server's working folder.
 */
class TestServersLeaveNothingTest {

    /** A web application as a test context starts one: a servlet container, nothing else. */
    @Configuration(proxyBeanMethods = false)
    @Import({ServletWebServerFactoryAutoConfiguration.class, EmbeddedWebServerFactoryCustomizerAutoConfiguration.class,
            DispatcherServletAutoConfiguration.class})
    static class WebApplication {
    }

    /**
     * The child JVM: starts the servers and a web application, asks each web server once (so Tomcat makes its
     * working folders), says where the servers are, and exits as a test JVM does (System.exit).
     */
    public static void main(String[] args) throws Exception {
        var database = TestInfrastructure.database();
        var store = TestInfrastructure.objectStore();
        var issuer = TestInfrastructure.issuer();
        Map<String, Object> properties = new HashMap<>(TestInfrastructure.springProperties("leave_nothing"));
        properties.put("server.port", "0");
        var application = new SpringApplicationBuilder(WebApplication.class).properties(properties)
                .logStartupInfo(false).run();
        String port = application.getEnvironment().getProperty("local.server.port");
        HttpClient http = HttpClient.newHttpClient();
        for (String url : List.of(issuer.issuerUri() + "/.well-known/openid-configuration",
                "http://127.0.0.1:" + port + "/")) {
            http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
        }
        System.out.println("DATABASE " + database.baseUrl());
        System.out.println("STORE " + store.endpoint());
        System.out.flush();
        System.exit(0);
    }

    @Test
    void the_servers_of_a_test_jvm_are_stopped_and_their_folders_removed_when_it_exits(@TempDir Path temporary)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Djava.io.tmpdir=" + temporary, "-cp",
                System.getProperty("java.class.path"), TestServersLeaveNothingTest.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child JVM exits").isTrue();
        assertThat(output).contains("DATABASE ").contains("STORE ");
        if (output.contains("Tests use PostgreSQL from Testcontainers")) {
            return; // a container is the engine's to remove
        }

        int databasePort = port(output, "DATABASE jdbc:postgresql://127.0.0.1:");
        int storePort = port(output, "STORE http://127.0.0.1:");
        assertThat(listening(databasePort)).as("PostgreSQL stopped").isFalse();
        assertThat(listening(storePort)).as("S3 server stopped").isFalse();
        try (var left = Files.list(temporary)) {
            // embedded-pg: the PostgreSQL binaries, unpacked once and kept for every later JVM, as in /tmp
            assertThat(left.map(path -> path.getFileName().toString()).filter(name -> !name.equals("embedded-pg")))
                    .as("nothing left in the JVM's temporary folder (data, tomcat.*, tomcat-docbase.*)").isEmpty();
        }
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
}
