package org.onecity.fhir.ingest;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
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
 * by reason code, from the intake ledger. With {@code days=N} the same per day of the city for the last N days (today
 * included), each line with its {@code day}. An operation on the whole server, so the bureau's alone (AccessRules).
 */
public class IntakeReportOperation implements OperationProviders {

    public static final String NAME = "$intake-report";
    /** A year of days is as far back as the report looks per day; the totals cover all time. */
    public static final int MOST_DAYS = 366;

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
    public Parameters intakeReport(@OperationParam(name = "days", min = 0, max = 1) StringType days) {
        Integer window = days == null ? null : window(days.getValue());
        Map<String, Parameters.ParametersParameterComponent> byHospital = new LinkedHashMap<>();
        Parameters report = new Parameters();
        for (IntakeLedger.Count count : window == null ? ledger.counts() : ledger.countsByDay(window)) {
            Parameters.ParametersParameterComponent hospital = byHospital.computeIfAbsent(count.hospital(), code -> {
                Parameters.ParametersParameterComponent part = report.addParameter().setName("hospital");
                part.addPart().setName("code").setValue(new StringType(code));
                return part;
            });
            Parameters.ParametersParameterComponent line = hospital.addPart().setName(count.outcome());
            if (count.day() != null) {
                line.addPart().setName("day").setValue(new DateType(count.day().toString()));
            }
            line.addPart().setName("reason").setValue(new CodeType(count.reason()));
            line.addPart().setName("resources").setValue(new IntegerType(Math.toIntExact(count.resources())));
            line.addPart().setName("pushes").setValue(new IntegerType(Math.toIntExact(count.pushes())));
            line.addPart().setName("lastPush").setValue(new InstantType(count.lastPush()));
        }
        return report;
    }

    /** The number of days asked; anything else is the caller's mistake, told in words (a 400). */
    static int window(String days) {
        try {
            int window = Integer.parseInt(days == null ? "" : days.strip());
            if (window >= 1 && window <= MOST_DAYS) {
                return window;
            }
        } catch (NumberFormatException notANumber) {
            // the same answer as a number out of range
        }
        throw new InvalidRequestException("days is a number of days from 1 to " + MOST_DAYS);
    }
}
