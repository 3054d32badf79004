package org.onecity.common.identity;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An OIDC issuer (Spring Authorization Server) in its own Spring context, for the local hub and the tests:
 * the city's demo identities, a fresh signing key on every start. Production uses Keycloak (deploy/keycloak).
 */
public final class EmbeddedIssuer implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final String issuerUri;

    private EmbeddedIssuer(ConfigurableApplicationContext context, String issuerUri) {
        this.context = context;
        this.issuerUri = issuerUri;
    }

    /**
     * @param port       the port to listen on (127.0.0.1 only)
     * @param identities {@code classpath:...} or a file with {@code onecity.identities}
     */
    public static EmbeddedIssuer start(int port, String identities) {
        String issuer = "http://localhost:" + port;
        ConfigurableApplicationContext context = new SpringApplicationBuilder(IssuerServerConfiguration.class)
                .web(WebApplicationType.SERVLET)
                .registerShutdownHook(false)
                // as arguments, so that no application.yaml of a service sharing the JVM can override them
                .run("--spring.config.name=onecity-issuer",
                        "--server.port=" + port,
                        "--server.address=127.0.0.1",
                        "--spring.main.banner-mode=off",
                        "--spring.application.name=onecity-issuer",
                        "--spring.jmx.enabled=false",
                        "--" + IssuerServerConfiguration.IDENTITIES + "=" + identities,
                        "--" + IssuerServerConfiguration.ISSUER + "=" + issuer);
        return new EmbeddedIssuer(context, issuer);
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
    }
}
