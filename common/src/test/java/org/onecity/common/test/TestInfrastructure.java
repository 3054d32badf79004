package org.onecity.common.test;

import org.onecity.common.embedded.Folders;
import org.onecity.common.embedded.LocalObjectStore;
import org.onecity.common.identity.EmbeddedIssuer;
import org.onecity.common.embedded.LocalPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL and one real S3 protocol server per test JVM, shared by every Spring context in it.
 * <p>
 * PostgreSQL comes from, in this order: {@code ONECITY_TEST_JDBC_URL} (with {@code ONECITY_TEST_JDBC_USER} and
 * {@code ONECITY_TEST_JDBC_PASSWORD}); Testcontainers when a Docker engine answers; embedded PostgreSQL otherwise.
 * S3 is S3Proxy on a temporary directory, reached with the MinIO SDK like production's MinIO.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static Database database;
    private static LocalObjectStore objectStore;
    private static EmbeddedIssuer issuer;
    private static Path webServers;
    /** The demo identities plus clients that exist only to be refused (expired tokens, another audience). */
    public static final String IDENTITIES = "classpath:onecity-test-identities.yaml";

    private TestInfrastructure() {
    }

    public record Database(String baseUrl, String user, String password, boolean external) {

        /** The JDBC URL of a database of this server, created if missing (an external URL is used as given). */
        public String url(String name) {
            if (external) {
                return baseUrl;
            }
            try (Connection connection = DriverManager.getConnection(baseUrl + "postgres", user, password)) {
                boolean exists;
                try (var check = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                    check.setString(1, name);
                    exists = check.executeQuery().next();
                }
                if (!exists) {
                    connection.createStatement().execute("create database " + name);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot create test database " + name, e);
            }
            return baseUrl + name;
        }
    }

    public static synchronized Database database() {
        if (database == null) {
            database = startDatabase();
        }
        return database;
    }

    public static synchronized LocalObjectStore objectStore() {
        if (objectStore == null) {
            Path folder = Folders.temporary("onecity-test-s3");
            objectStore = LocalObjectStore.start(folder, 0, "test-access-key", "test-secret-key");
            AT_EXIT.add(() -> {
                objectStore.close();
                Folders.delete(folder);
            });
        }
        return objectStore;
    }

    /** The city's identity provider for tests: the embedded issuer with the demo identities, one per JVM. */
    public static synchronized EmbeddedIssuer issuer() {
        if (issuer == null) {
            issuer = EmbeddedIssuer.start(freePort(), IDENTITIES);
            AT_EXIT.add(issuer::close);
        }
        return issuer;
    }

    /**
     * A new folder for one Spring context's web server, inside the JVM's own folder that goes when it exits: Tomcat
     * otherwise leaves its working folders ({@code tomcat.*}) in the system's temporary folder.
     */
    public static synchronized Path webServerFolder() {
        if (webServers == null) {
            Path folder = Folders.temporary("onecity-test-web-");
            webServers = folder;
            AT_EXIT.addFirst(() -> Folders.delete(folder));
        }
        try {
            return Files.createTempDirectory(webServers, "tomcat-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Spring properties that point a service at the shared test PostgreSQL database {@code name}, S3 server and
     * issuer, with its web server working in a folder of its own.
     */
    public static Map<String, Object> springProperties(String databaseName) {
        Database db = database();
        LocalObjectStore s3 = objectStore();
        return Map.of(
                "server.tomcat.basedir", webServerFolder().toString(),
                "spring.datasource.url", db.url(databaseName),
                "spring.datasource.username", db.user(),
                "spring.datasource.password", db.password(),
                "onecity.object-store.endpoint", s3.endpoint(),
                "onecity.object-store.access-key", s3.accessKey(),
                "onecity.object-store.secret-key", s3.secretKey(),
                "onecity.security.issuer-uri", issuer().issuerUri());
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Database startDatabase() {
        String explicit = System.getenv("ONECITY_TEST_JDBC_URL");
        if (explicit != null && !explicit.isBlank()) {
            log.info("Tests use the PostgreSQL given by ONECITY_TEST_JDBC_URL");
            return new Database(explicit, envOr("ONECITY_TEST_JDBC_USER", "postgres"),
                    envOr("ONECITY_TEST_JDBC_PASSWORD", ""), true);
        }
        if (dockerAvailable()) {
            log.info("Tests use PostgreSQL from Testcontainers");
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17-alpine")
                    .withCommand("postgres", "-c", "max_connections=300");
            container.start();
            String base = "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/";
            return new Database(base, container.getUsername(), container.getPassword(), false);
        }
        log.info("No Docker engine: tests use embedded PostgreSQL");
        Path folder = Folders.temporary("onecity-test-pg");
        LocalPostgres postgres = LocalPostgres.start(folder, 0, false);
        AT_EXIT.add(() -> {
            postgres.close();
            Folders.delete(folder);
        });
        return new Database("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/", LocalPostgres.USER, "", false);
    }

    /** The servers started in this JVM, stopped once, in reverse order, when it exits. */
    private static final Deque<Runnable> AT_EXIT = new ArrayDeque<>();
    /** The Spring contexts that use them and are not closed yet. */
    private static final AtomicInteger OPEN_CONTEXTS = new AtomicInteger();
    private static final long CONTEXTS_CLOSE_WITHIN_MS = 60_000;

    static {
        // a JVM hook of its own, since a JVM that runs no Spring application (an end-to-end test driving packaged
        // services) never runs Spring's; it waits for the contexts still closing (in Spring's hook, meanwhile),
        // so a scheduled job finishing as its context closes finds its database up
        Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::stopAll, "onecity-test-infrastructure-stop"));
    }

    /** A Spring context now uses the servers; it says when it has closed. */
    static void contextOpened() {
        OPEN_CONTEXTS.incrementAndGet();
    }

    static void contextClosed() {
        OPEN_CONTEXTS.decrementAndGet();
    }

    private static void stopAll() {
        long until = System.currentTimeMillis() + CONTEXTS_CLOSE_WITHIN_MS;
        while (OPEN_CONTEXTS.get() > 0 && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        synchronized (TestInfrastructure.class) {
            while (!AT_EXIT.isEmpty()) {
                try {
                    AT_EXIT.removeLast().run();
                } catch (RuntimeException e) {
                    log.warn("A test server did not stop cleanly: {}", e.toString());
                }
            }
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

}
