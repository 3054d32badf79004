package org.onecity.fhir.benchmark;

import org.onecity.common.embedded.JarProcess;
import org.onecity.common.embedded.LocalObjectStore;
import org.onecity.common.embedded.LocalPostgres;
import org.onecity.common.identity.DemoIdentities;
import org.onecity.common.identity.EmbeddedIssuer;
import org.onecity.common.identity.Tokens;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every fhir-server benchmark runs against: one PostgreSQL server, one S3 server and the embedded issuer, and
 * the packaged fhir-server started as its own JVM with a 1 GB heap in a named configuration, one fresh database each.
 * Configurations: {@code hapi-defaults} (plain HAPI), {@code onecity}, {@code onecity-unsecured} (without
 * authorization, consent checks and access log, to measure their cost).
 * <p>
 * With the system property {@code work} set to a folder, the databases and objects are kept there and found again
 * on the next run, so a benchmark whose loading takes long can measure again without loading again.
 */
final class BenchmarkCity implements AutoCloseable {

    private final Path work;
    private final Path jar;
    private final LocalPostgres postgres;
    private final LocalObjectStore objects;
    private final EmbeddedIssuer issuer;
    private final DemoIdentities identities = DemoIdentities.load(DemoIdentities.DEFAULT);

    BenchmarkCity(Path jar) throws IOException {
        this.jar = jar;
        String kept = System.getProperty("work");
        this.work = kept == null ? Files.createTempDirectory("onecity-bench") : Path.of(kept).toAbsolutePath();
        this.postgres = LocalPostgres.start(work.resolve("pg"), 0, kept != null);
        this.objects = LocalObjectStore.start(work.resolve("s3"), 0, "bench", "bench-secret");
        this.issuer = EmbeddedIssuer.start(freePort(), DemoIdentities.DEFAULT);
    }

    record Server(String configuration, URI fhir, JarProcess process) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }

    Server start(String configuration) throws IOException {
        String database = configuration.replace('-', '_');
        postgres.createDatabaseIfMissing(database);
        int port = freePort();
        Map<String, String> env = new HashMap<>(Map.of(
                "SPRING_DATASOURCE_URL", postgres.jdbcUrl(database),
                "SPRING_DATASOURCE_USERNAME", LocalPostgres.USER,
                "ONECITY_OBJECT_STORE_ENDPOINT", objects.endpoint(),
                "ONECITY_OBJECT_STORE_ACCESS_KEY", objects.accessKey(),
                "ONECITY_OBJECT_STORE_SECRET_KEY", objects.secretKey(),
                "SERVER_PORT", String.valueOf(port),
                "ONECITY_SECURITY_ISSUER_URI", issuer.issuerUri()));
        if (System.getProperty("serverJvmOptions") != null) {
            env.put("JAVA_TOOL_OPTIONS", System.getProperty("serverJvmOptions").replace("{profile}", configuration));
        }
        List<String> arguments = new ArrayList<>(switch (configuration) {
            case "onecity" -> List.<String>of();
            case "onecity-unsecured" -> List.of("--spring.profiles.active=unsecured");
            default -> List.of("--spring.profiles.active=" + configuration);
        });
        JarProcess process = JarProcess.start(configuration, jar, "1g", env, arguments,
                work.resolve("logs").resolve(configuration + ".log"));
        process.awaitHealthy(URI.create("http://127.0.0.1:" + port + "/actuator/health"), Duration.ofMinutes(5));
        return new Server(configuration, URI.create("http://127.0.0.1:" + port + "/fhir"), process);
    }

    /**
     * Brings the planner's statistics of a configuration's database up to date, as autovacuum does in a city that
     * has been running for a while; without it the first minutes after a fresh start use plans made for empty tables.
     */
    void analyze(String configuration) throws SQLException {
        try (Connection connection = database(configuration)) {
            connection.createStatement().execute("analyze");
        }
    }

    /** The folder the city keeps its databases, objects and logs in. */
    Path work() {
        return work;
    }

    /** A connection to a configuration's database, to see what the server has done. */
    Connection database(String configuration) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(configuration.replace('-', '_')), LocalPostgres.USER, "");
    }

    /** A system's token, through client credentials. */
    String systemToken(String clientId) {
        return new Tokens(issuer.issuerUri()).forSystem(clientId, identities.client(clientId).orElseThrow().secret());
    }

    /** A doctor's token, through the sign-in and code flow. */
    String doctorToken(String username) {
        return new Tokens(issuer.issuerUri()).forPerson("onecity-app", "http://127.0.0.1/callback", username,
                identities.user(username).orElseThrow().password(), "openid user/*.rs");
    }

    @Override
    public void close() {
        issuer.close();
        objects.close();
        postgres.close();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
