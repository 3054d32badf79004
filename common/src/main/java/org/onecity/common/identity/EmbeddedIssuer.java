package org.onecity.common.identity;

import org.onecity.common.embedded.Folders;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

/**
 * An OIDC issuer (Spring Authorization Server) in its own Spring context, for the local hub and the tests:
 * the city's demo identities, a fresh signing key on every start. Production uses Keycloak (deploy/keycloak).
 */
public final class EmbeddedIssuer implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final String issuerUri;
    private final Path workFolder;
    private final boolean removeWorkFolder;

    private EmbeddedIssuer(ConfigurableApplicationContext context, String issuerUri, Path workFolder,
            boolean removeWorkFolder) {
        this.context = context;
        this.issuerUri = issuerUri;
        this.workFolder = workFolder;
        this.removeWorkFolder = removeWorkFolder;
    }

    /** An issuer whose web server works in a temporary folder, removed when it closes. */
    public static EmbeddedIssuer start(int port, String identities) {
        return start(port, identities, Folders.temporary("onecity-issuer-"), true);
    }

    /**
     * @param port       the port to listen on (127.0.0.1 only)
     * @param identities {@code classpath:...} or a file with {@code onecity.identities}
     * @param workFolder where its web server keeps its working files (emptied on start), so that nothing of it
     *                   lands in the system's temporary folder, even when the process is killed
     */
    public static EmbeddedIssuer start(int port, String identities, Path workFolder) {
        return start(port, identities, workFolder, false);
    }

    private static EmbeddedIssuer start(int port, String identities, Path workFolder, boolean removeWorkFolder) {
        String issuer = "http://localhost:" + port;
        Folders.fresh(workFolder);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(IssuerServerConfiguration.class)
                .web(WebApplicationType.SERVLET)
                .registerShutdownHook(false)
                // as arguments, so that no application.yaml of a service sharing the JVM can override them
                .run("--spring.config.name=onecity-issuer",
                        "--server.port=" + port,
                        "--" + IssuerServerConfiguration.WORK_FOLDER + "=" + workFolder.toAbsolutePath(),
                        "--server.address=127.0.0.1",
                        "--spring.main.banner-mode=off",
                        "--spring.application.name=onecity-issuer",
                        "--spring.jmx.enabled=false",
                        "--" + IssuerServerConfiguration.IDENTITIES + "=" + identities,
                        "--" + IssuerServerConfiguration.ISSUER + "=" + issuer);
        return new EmbeddedIssuer(context, issuer, workFolder, removeWorkFolder);
    }

    public String issuerUri() {
        return issuerUri;
    }

    public String tokenEndpoint() {
        return issuerUri + "/oauth2/token";
    }

    @Override
    public void close() {
        context.close();
        if (removeWorkFolder) {
            Folders.delete(workFolder);
        }
    }
}
