package org.onecity.fhir.recognition;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

/**
 * A test whose result every hospital of the city accepts from another within a validity window, so that it is not
 * repeated: a laboratory test (LOINC) or an imaging procedure, optionally only from hospitals of a minimum level.
 *
 * @param system               the code system of the test as ordered and as reported
 * @param code                 the test's code
 * @param name                 what doctors call it
 * @param kind                 laboratory results are Observations and reports; imaging results are studies and reports
 * @param validity             how long after it was performed a result is recognised
 * @param minimumHospitalLevel results from hospitals below this level are not recognised (1 accepts all)
 */
public record RecognisedTest(String system, String code, String name, Kind kind, Period validity,
                             int minimumHospitalLevel) {

    public enum Kind { LABORATORY, IMAGING }

    public RecognisedTest {
        if (system == null || system.isBlank() || code == null || code.isBlank()) {
            throw new IllegalArgumentException("A recognised test needs a code system and a code");
        }
        if (kind == null) {
            throw new IllegalArgumentException("Recognised test " + code + " needs a kind (LABORATORY or IMAGING)");
        }
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("Recognised test " + code + " needs a positive validity, e.g. P7D");
        }
        minimumHospitalLevel = Math.max(1, minimumHospitalLevel);
    }

    /** The earliest moment a result performed then is still recognised at {@code now}. */
    public Instant windowStart(Instant now, ZoneId zone) {
        return LocalDate.ofInstant(now, zone).minus(validity).atStartOfDay(zone).toInstant();
    }

    /** The last day a result performed at {@code performed} is recognised. */
    public LocalDate recognisedUntil(Instant performed, ZoneId zone) {
        return LocalDate.ofInstant(performed, zone).plus(validity);
    }

    public boolean recognises(Instant performed, int hospitalLevel, Instant now, ZoneId zone) {
        return hospitalLevel >= minimumHospitalLevel && !performed.isBefore(windowStart(now, zone))
                && !performed.isAfter(now);
    }

    public boolean isCoded(String otherSystem, String otherCode) {
        return system.equals(otherSystem) && code.equals(otherCode);
    }
}
