package org.onecity.portal.doctor;

import java.math.BigDecimal;
import java.time.Instant;

/** One measured value of a test, where and when it was taken. */
public record TrendPoint(Instant when, BigDecimal value, String unit, String hospital) {
}
