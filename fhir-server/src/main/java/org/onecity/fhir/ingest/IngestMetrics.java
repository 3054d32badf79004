package org.onecity.fhir.ingest;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.onecity.common.city.Hospital;

/**
 * Per hospital: how many resources it pushed were accepted and how many rejected (and why, by HTTP status).
 * Exposed as {@code onecity_ingest_resources_total} on /actuator/prometheus.
 */
public class IngestMetrics {

    static final String RESOURCES = "onecity.ingest.resources";

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void accepted(Hospital hospital, int resources) {
        counter(hospital, "accepted", "201").increment(resources);
    }

    void rejected(Hospital hospital, int resources, Throwable failure) {
        String status = failure instanceof BaseServerResponseException e ? String.valueOf(e.getStatusCode()) : "500";
        counter(hospital, "rejected", status).increment(resources);
    }

    public double count(String hospitalCode, String outcome) {
        return registry.find(RESOURCES).tag("hospital", hospitalCode).tag("outcome", outcome).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private Counter counter(Hospital hospital, String outcome, String status) {
        return Counter.builder(RESOURCES)
                .description("Resources pushed by hospitals, by outcome")
                .tag("hospital", hospital.code())
                .tag("outcome", outcome)
                .tag("status", status)
                .register(registry);
    }
}
