package org.onecity.batch.settlement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One of the city's calendar days: the bills finalised in it are settled together. */
public record SettlementPeriod(LocalDate day, ZoneId zone) {

    public Instant start() {
        return day.atStartOfDay(zone).toInstant();
    }

    public Instant end() {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The period as the files name it: {@code 20261125}. */
    public String compact() {
        return day.format(DateTimeFormatter.BASIC_ISO_DATE);
    }
}
