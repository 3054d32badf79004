package org.onecity.hub;

import org.onecity.common.identity.DemoIdentities;
import org.onecity.common.embedded.LocalObjectStore;
import org.onecity.common.embedded.LocalPostgres;
import org.onecity.common.identity.EmbeddedIssuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** PostgreSQL and the object store: the configured ones, or embedded ones with data kept under the data directory. */
final class Infrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

    private final HubSettings settings;
    private final LocalPostgres embeddedPostgres;
    private final LocalObjectStore embeddedObjectStore;
    private final EmbeddedIssuer embeddedIssuer;
    private final String postgresBaseUrl;
    private final String objectStoreEndpoint;

    private Infrastructure(HubSettings settings, LocalPostgres postgres, LocalObjectStore objectStore, EmbeddedIssuer issuer) {
        this.settings = settings;
        this.embeddedPostgres = postgres;
        this.embeddedObjectStore = objectStore;
        this.embeddedIssuer = issuer;
        this.postgresBaseUrl = postgres != null
                ? "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/"
                : withTrailingSlash(settings.postgresUrl());
        this.objectStoreEndpoint = objectStore != null ? objectStore.endpoint() : settings.objectStoreEndpoint();
    }

    static Infrastructure start(HubSettings settings) {
        LocalPostgres postgres = null;
        if (settings.postgresUrl() == null) {
            log.info("Starting embedded PostgreSQL on port {} with data in {}", settings.postgresPort(),
                    settings.dataDirectory().resolve("postgres"));
            postgres = LocalPostgres.start(settings.dataDirectory().resolve("postgres"), settings.postgresPort(), true);
        }
        LocalObjectStore objectStore = null;
        if (settings.objectStoreEndpoint() == null) {
            log.info("Starting the embedded object store (S3Proxy) on port {} with data in {}",
                    settings.objectStorePort(), settings.dataDirectory().resolve("objects"));
            objectStore = LocalObjectStore.start(settings.dataDirectory().resolve("objects"), settings.objectStorePort(),
                    settings.objectStoreAccessKey(), settings.objectStoreSecretKey());
        }
        EmbeddedIssuer issuer = null;
        if (settings.issuerUri() == null) {
            log.info("Starting the embedded OIDC issuer on port {} with the identities {}", settings.issuerPort(),
                    settings.identities());
            issuer = EmbeddedIssuer.start(settings.issuerPort(), settings.identities(),
                    settings.dataDirectory().resolve("issuer"));
        }
        Infrastructure infrastructure = new Infrastructure(settings, postgres, objectStore, issuer);
        for (ServiceSpec spec : ServiceSpec.all(settings)) {
            if (spec.database() != null) {
                infrastructure.createDatabaseIfMissing(spec.database());
            }
        }
        return infrastructure;
    }

    /** The environment a service process gets: where its database and the object store are. */
    Map<String, String> environmentFor(ServiceSpec spec) {
        Map<String, String> env = new HashMap<>();
        if (spec.database() != null) {
            env.put("SPRING_DATASOURCE_URL", postgresBaseUrl + spec.database());
            env.put("SPRING_DATASOURCE_USERNAME", user());
            env.put("SPRING_DATASOURCE_PASSWORD", password());
        }
        env.put("ONECITY_OBJECT_STORE_ENDPOINT", objectStoreEndpoint);
        env.put("ONECITY_OBJECT_STORE_ACCESS_KEY", settings.objectStoreAccessKey());
        env.put("ONECITY_OBJECT_STORE_SECRET_KEY", settings.objectStoreSecretKey());
        env.put("SERVER_PORT", String.valueOf(spec.port()));
        env.put("ONECITY_SECURITY_ISSUER_URI", issuerUri());
        // the batch's settlement files, statements and reports, and where it imports hospitals' history to
        env.put("ONECITY_BATCH_FILES", settings.dataDirectory().resolve("batch").toString());
        env.put("ONECITY_FHIR_SERVER_URL", ServiceSpec.named(settings, "fhir-server").url("127.0.0.1") + "/fhir");
        if (embeddedIssuer != null && spec.name().equals("batch")) {
            // the demo city's history imports push as the demo hospitals' systems
            putHospitalClients(env, "ONECITY_BATCH_HISTORY_CLIENTS_");
        }
        if (spec.name().equals("billing") || spec.name().equals("imaging")) {
            // reads of their data go to the city record's access log, the one list a person reads
            env.put("ONECITY_ACCESS_LOG_RELAY_FHIR_SERVER", env.get("ONECITY_FHIR_SERVER_URL"));
            if (embeddedIssuer != null) {
                DemoIdentities.load(settings.identities()).client("onecity-" + spec.name()).ifPresent(client -> {
                    env.put("ONECITY_ACCESS_LOG_RELAY_CLIENT_ID", client.id());
                    env.put("ONECITY_ACCESS_LOG_RELAY_CLIENT_SECRET", client.secret());
                });
            }
        }
        if (spec.name().equals("imaging")) {
            env.put("ONECITY_IMAGING_DIMSE_PORT", String.valueOf(11112 + settings.portOffset()));
            env.put("ONECITY_IMAGING_PUBLIC_URL", spec.url(settings.host()) + "/dicomweb");
            env.put("ONECITY_IMAGING_SPOOL", settings.dataDirectory().resolve("imaging-spool").toString());
            env.put("ONECITY_IMAGING_MIRROR_FHIR_SERVER", env.get("ONECITY_FHIR_SERVER_URL"));
            if (embeddedIssuer != null) {
                // each demo hospital's studies are mirrored into the city record as that hospital's system
                putHospitalClients(env, "ONECITY_IMAGING_MIRROR_CLIENTS_");
            }
        }
        if (spec.name().equals("portal")) {
            // the portal calls each service with the signed-in person's own token
            env.put("ONECITY_PORTAL_FHIR_URL", env.get("ONECITY_FHIR_SERVER_URL"));
            env.put("ONECITY_PORTAL_IMAGING_URL", ServiceSpec.named(settings, "imaging").url("127.0.0.1") + "/dicomweb");
            env.put("ONECITY_PORTAL_BILLING_URL", ServiceSpec.named(settings, "billing").url("127.0.0.1") + "/billing");
            env.put("ONECITY_PORTAL_BATCH_URL", ServiceSpec.named(settings, "batch").url("127.0.0.1") + "/batch");
            if (embeddedIssuer != null) {
                DemoIdentities.load(settings.identities()).client("onecity-portal").ifPresent(client -> {
                    env.put("ONECITY_PORTAL_CLIENT_ID", client.id());
                    env.put("ONECITY_PORTAL_CLIENT_SECRET", client.secret());
                });
            }
        }
        return env;
    }

    private void putHospitalClients(Map<String, String> env, String prefix) {
        DemoIdentities.load(settings.identities()).clients().stream()
                .filter(client -> client.hospital() != null && client.secret() != null)
                .forEach(client -> {
                    env.put(prefix + client.hospital() + "_ID", client.id());
                    env.put(prefix + client.hospital() + "_SECRET", client.secret());
                });
    }

    String issuerUri() {
        return embeddedIssuer != null ? embeddedIssuer.issuerUri() : settings.issuerUri();
    }

    String issuerDescription() {
        return embeddedIssuer != null
                ? "embedded OIDC issuer (Spring Authorization Server) at " + issuerUri() + " with the demo identities"
                : "OIDC issuer at " + issuerUri();
    }

    String postgresDescription() {
        return embeddedPostgres != null
                ? "embedded PostgreSQL 17 at " + postgresBaseUrl + " (data in " + settings.dataDirectory().resolve("postgres") + ")"
                : "PostgreSQL at " + postgresBaseUrl;
    }

    String objectStoreDescription() {
        return embeddedObjectStore != null
                ? "embedded S3 (S3Proxy) at " + objectStoreEndpoint + " (data in " + settings.dataDirectory().resolve("objects") + ")"
                : "object store at " + objectStoreEndpoint;
    }

    private void createDatabaseIfMissing(String database) {
        if (embeddedPostgres != null) {
            embeddedPostgres.createDatabaseIfMissing(database);
            return;
        }
        try (Connection connection = DriverManager.getConnection(postgresBaseUrl + "postgres", user(), password());
             var check = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            check.setString(1, database);
            if (!check.executeQuery().next()) {
                connection.createStatement().execute("create database " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach or prepare database " + database + " at " + postgresBaseUrl
                    + ": " + e.getMessage(), e);
        }
    }

    private String user() {
        return embeddedPostgres != null ? LocalPostgres.USER : settings.postgresUser();
    }

    private String password() {
        return embeddedPostgres != null ? "" : settings.postgresPassword();
    }

    private static String withTrailingSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    @Override
    public void close() {
        if (embeddedIssuer != null) {
            embeddedIssuer.close();
        }
        if (embeddedObjectStore != null) {
            embeddedObjectStore.close();
        }
        if (embeddedPostgres != null) {
            embeddedPostgres.close();
        }
    }
}
