package org.onecity.hub;

import org.onecity.common.embedded.JarProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the whole city on one machine: PostgreSQL and the object store (embedded unless configured), then every
 * service of the hub as its own process, kept running by the {@link Supervisor}, then the demo data; prints where
 * everything is and how to use it.
 */
public final class Hub {

    private static final Logger log = LoggerFactory.getLogger(Hub.class);

    private Hub() {
    }

    public static void main(String[] args) throws Exception {
        HubSettings settings = HubSettings.fromEnvironment();
        Infrastructure infrastructure = Infrastructure.start(settings);
        Supervisor supervisor = new Supervisor(settings.dataDirectory().resolve("hub-status.json"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            supervisor.close();
            infrastructure.close();
        }, "hub-shutdown"));

        for (ServiceSpec spec : ServiceSpec.all(settings)) {
            Path jar = spec.jar(settings.home());
            if (!jar.toFile().isFile()) {
                log.info("{} is not built ({}); skipping it", spec.name(), jar);
                continue;
            }
            supervisor.start(spec, () -> JarProcess.start(spec.name(), jar, spec.heap(),
                            infrastructure.environmentFor(spec), List.of(),
                            settings.dataDirectory().resolve("logs").resolve(spec.name() + ".log")),
                    URI.create(spec.url("127.0.0.1") + spec.healthPath()));
        }
        supervisor.awaitHealthyAndWatch();
        DemoData.load(settings, infrastructure.issuerUri(), supervisor.services().keySet());
        Banner.print(settings, infrastructure, supervisor);
        new CountDownLatch(1).await();
    }
}
