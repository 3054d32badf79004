package org.onecity.fhir.ingest;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Operation;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.onecity.fhir.server.OperationProviders;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /fhir/$intake-report}: for each hospital, how many resources it pushed were accepted and how many refused,
 * by reason code, from the intake ledger. An operation on the whole server, so the bureau's alone (AccessRules).
 */
public class IntakeReportOperation implements OperationProviders {

    public static final String NAME = "$intake-report";

    private final IntakeLedger ledger;

    IntakeReportOperation(IntakeLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public List<Object> providers() {
        return List.of(this);
    }

    @Description(shortDefinition = "Resources each hospital pushed, accepted and refused by reason")
    @Operation(name = NAME, idempotent = true)
    public Parameters intakeReport() {
        Map<String, Parameters.ParametersParameterComponent> byHospital = new LinkedHashMap<>();
        Parameters report = new Parameters();
        for (IntakeLedger.Count count : ledger.counts()) {
            Parameters.ParametersParameterComponent hospital = byHospital.computeIfAbsent(count.hospital(), code -> {
                Parameters.ParametersParameterComponent part = report.addParameter().setName("hospital");
                part.addPart().setName("code").setValue(new StringType(code));
                return part;
            });
            Parameters.ParametersParameterComponent line = hospital.addPart().setName(count.outcome());
            line.addPart().setName("reason").setValue(new CodeType(count.reason()));
            line.addPart().setName("resources").setValue(new IntegerType(Math.toIntExact(count.resources())));
            line.addPart().setName("pushes").setValue(new IntegerType(Math.toIntExact(count.pushes())));
            line.addPart().setName("lastPush").setValue(new InstantType(count.lastPush()));
        }
        return report;
    }
}
