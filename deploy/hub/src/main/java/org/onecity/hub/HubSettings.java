package org.onecity.hub;

import org.onecity.common.identity.DemoIdentities;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the hub is told by environment variables; everything has a local default.
 *
 * @param home           the repository checkout holding the built service jars
 * @param dataDirectory  where embedded PostgreSQL and the embedded object store keep their data between runs
 * @param postgresUrl    an external PostgreSQL server ({@code jdbc:postgresql://host:port/}), or null for embedded
 * @param portOffset     added to every port of the hub, to run a second hub beside the first
 * @param issuerUri      an external OIDC issuer (Keycloak), or null for the embedded one
 * @param identities     the embedded issuer's clients and users ({@code classpath:} or a file)
 */
record HubSettings(Path home, Path dataDirectory, String postgresUrl, String postgresUser, String postgresPassword,
                   int postgresPort, String objectStoreEndpoint, String objectStoreAccessKey,
                   String objectStoreSecretKey, int objectStorePort, String host, boolean loadDemoData,
                   int portOffset, String issuerUri, int issuerPort, String identities) {

    static HubSettings fromEnvironment() {
        Map<String, String> env = System.getenv();
        Path home = Path.of(env.getOrDefault("ONECITY_HOME", ".")).toAbsolutePath().normalize();
        int offset = Integer.parseInt(env.getOrDefault("ONECITY_PORT_OFFSET", "0"));
        return new HubSettings(
                home,
                Path.of(env.getOrDefault("ONECITY_DATA_DIR", home.resolve("data").toString())).toAbsolutePath(),
                blankToNull(env.get("ONECITY_POSTGRES_URL")),
                env.getOrDefault("ONECITY_POSTGRES_USER", "postgres"),
                env.getOrDefault("ONECITY_POSTGRES_PASSWORD", ""),
                Integer.parseInt(env.getOrDefault("ONECITY_POSTGRES_PORT", "15432")) + offset,
                blankToNull(env.get("ONECITY_OBJECT_STORE_ENDPOINT")),
                env.getOrDefault("ONECITY_OBJECT_STORE_ACCESS_KEY", "onecity-demo"),
                env.getOrDefault("ONECITY_OBJECT_STORE_SECRET_KEY", "onecity-demo-secret"),
                Integer.parseInt(env.getOrDefault("ONECITY_OBJECT_STORE_PORT", "9000")) + offset,
                env.getOrDefault("ONECITY_HOST", "localhost"),
                !"false".equalsIgnoreCase(env.get("ONECITY_DEMO_DATA")),
                offset,
                blankToNull(env.get("ONECITY_SECURITY_ISSUER_URI")),
                Integer.parseInt(env.getOrDefault("ONECITY_ISSUER_PORT", "9090")) + offset,
                env.getOrDefault("ONECITY_IDENTITIES", DemoIdentities.DEFAULT));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
