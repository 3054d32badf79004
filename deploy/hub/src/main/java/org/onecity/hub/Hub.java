package org.onecity.hub;

import org.onecity.common.embedded.JarProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the whole city on one machine: PostgreSQL and the object store (embedded unless configured), then every
 * service of the hub as its own process, then the demo data; prints where everything is and how to use it.
 */
public final class Hub {

    private static final Logger log = LoggerFactory.getLogger(Hub.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private Hub() {
    }

    public static void main(String[] args) throws Exception {
        HubSettings settings = HubSettings.fromEnvironment();
        Infrastructure infrastructure = Infrastructure.start(settings);
        Map<ServiceSpec, JarProcess> services = new LinkedHashMap<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            services.values().forEach(JarProcess::close);
            infrastructure.close();
        }, "hub-shutdown"));

        for (ServiceSpec spec : ServiceSpec.all(settings)) {
            Path jar = spec.jar(settings.home());
            if (!jar.toFile().isFile()) {
                log.info("{} is not built ({}); skipping it", spec.name(), jar);
                continue;
            }
            services.put(spec, JarProcess.start(spec.name(), jar, spec.heap(), infrastructure.environmentFor(spec),
                    List.of(), settings.dataDirectory().resolve("logs").resolve(spec.name() + ".log")));
        }
        services.forEach((spec, process) ->
                process.awaitHealthy(URI.create(spec.url("127.0.0.1") + spec.healthPath()), START_TIMEOUT));
        DemoData.load(settings, infrastructure.issuerUri(),
                services.keySet().stream().map(ServiceSpec::name).collect(java.util.stream.Collectors.toSet()));
        Banner.print(settings, infrastructure, services);
        new CountDownLatch(1).await();
    }
}
