package org.onecity.hub;

import org.onecity.common.embedded.JarProcess;

import java.util.Map;

/** What the hub prints once everything is up: where things are and what to try first. */
final class Banner {

    private Banner() {
    }

    static void print(HubSettings settings, Infrastructure infrastructure, Map<ServiceSpec, JarProcess> services) {
        StringBuilder text = new StringBuilder();
        text.append("""

                ==================================================================================
                 OneCity health hub is running
                ==================================================================================
                """);
        services.forEach((spec, process) -> text.append(String.format(" %-12s %s%s   (log: %s)%n",
                spec.name(), spec.url(settings.host()), spec.entryPath(), process.logFile())));
        text.append(" database     ").append(infrastructure.postgresDescription()).append('\n');
        text.append(" objects      ").append(infrastructure.objectStoreDescription()).append('\n');
        text.append(String.format("""

                 Demo city: hospitals H001 (City Central, level 3), H002 (Eastern District, level 2),
                            H003 (Harbour Community, level 1). Zhang Wei has records at H001 and H002.

                 Try:
                   curl -s '%1$s/fhir/metadata' | head
                   curl -s '%1$s/fhir/Patient?identifier=https://fhir.onecity.example/sid/citizen-id|%2$s'
                   curl -s '%1$s/fhir/Observation?code=http://loinc.org|718-7&_sort=date'
                   curl -s -X POST '%1$s/fhir' -H 'Content-Type: application/fhir+json' \\
                        --data-binary @deploy/hub/src/main/resources/demo/h001-zhang-wei.json   # idempotent push

                 Stop with Ctrl-C. Data stays in %3$s; delete that folder to start afresh.
                ==================================================================================
                """, ServiceSpec.named(settings, "fhir-server").url(settings.host()), "37020219510102001X",
                settings.dataDirectory()));
        System.out.println(text);
    }
}
