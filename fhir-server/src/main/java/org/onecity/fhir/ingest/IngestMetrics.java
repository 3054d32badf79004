package org.onecity.fhir.ingest;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.onecity.common.city.Hospital;

/**
 * Per hospital: how many resources it pushed were accepted and how many refused, and why (a reason code and the HTTP
 * status). Exposed as {@code onecity_ingest_resources_total} on /actuator/prometheus; the same counts are kept in the
 * intake ledger for the bureau's {@code $intake-report}, which survives a restart.
 */
public class IngestMetrics {

    static final String RESOURCES = "onecity.ingest.resources";

    private final MeterRegistry registry;
    private final IntakeLedger ledger;

    public IngestMetrics(MeterRegistry registry, IntakeLedger ledger) {
        this.registry = registry;
        this.ledger = ledger;
    }

    void accepted(Hospital hospital, int resources) {
        counter(hospital, "accepted", IntakeReason.ACCEPTED, "201").increment(resources);
        ledger.count(hospital.code(), "accepted", IntakeReason.ACCEPTED, resources);
    }

    void rejected(Hospital hospital, int resources, Throwable failure) {
        String status = failure instanceof BaseServerResponseException e ? String.valueOf(e.getStatusCode()) : "500";
        IntakeReason reason = IntakeReason.of(failure);
        counter(hospital, "rejected", reason, status).increment(resources);
        ledger.count(hospital.code(), "rejected", reason, resources);
    }

    public double count(String hospitalCode, String outcome) {
        return registry.find(RESOURCES).tag("hospital", hospitalCode).tag("outcome", outcome).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private Counter counter(Hospital hospital, String outcome, IntakeReason reason, String status) {
        return Counter.builder(RESOURCES)
                .description("Resources pushed by hospitals, by outcome and reason")
                .tag("hospital", hospital.code())
                .tag("outcome", outcome)
                .tag("reason", reason.code())
                .tag("status", status)
                .register(registry);
    }
}
