package org.onecity.portal.bureau;

import com.fasterxml.jackson.databind.JsonNode;
import org.onecity.portal.city.FhirJson;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The city record's {@code $intake-report?days=N} read per hospital: resources accepted and refused on each day of the
 * window (days without a push count zero) and the reasons for refusal, most frequent first.
 */
public record IntakeReport(LocalDate first, LocalDate last, List<Hospital> hospitals) {

    /** Most reasons shown per hospital; the rest are added up as "other". */
    public static final int TOP_REASONS = 5;

    public record Day(LocalDate day, long accepted, long refused) {
    }

    public record Reason(String code, long resources) {
    }

    /**
     * @param otherRefused refused resources whose reason is not among the top reasons
     */
    public record Hospital(String code, List<Day> days, List<Reason> topReasons, long otherRefused) {

        public long accepted() {
            return days.stream().mapToLong(Day::accepted).sum();
        }

        public long refused() {
            return days.stream().mapToLong(Day::refused).sum();
        }
    }

    /** Reads the report of the {@code days} days up to {@code today}; lines outside the window are left out. */
    public static IntakeReport of(JsonNode parameters, LocalDate today, int days) {
        LocalDate first = today.minusDays(days - 1L);
        List<Hospital> hospitals = new ArrayList<>();
        for (JsonNode hospital : parameters.path("parameter")) {
            if (!"hospital".equals(hospital.path("name").asText())) {
                continue;
            }
            String code = null;
            Map<LocalDate, long[]> byDay = new TreeMap<>();
            Map<String, Long> reasons = new LinkedHashMap<>();
            for (JsonNode part : hospital.path("part")) {
                String name = part.path("name").asText();
                if ("code".equals(name)) {
                    code = part.path("valueString").asText();
                    continue;
                }
                LocalDate day = dayOf(part);
                if (day == null || day.isBefore(first) || day.isAfter(today)) {
                    continue;
                }
                long resources = FhirJson.partValue(part, "resources").asLong();
                long[] counts = byDay.computeIfAbsent(day, d -> new long[2]);
                if ("accepted".equals(name)) {
                    counts[0] += resources;
                } else if ("rejected".equals(name)) {
                    counts[1] += resources;
                    reasons.merge(FhirJson.partValue(part, "reason").asText("?"), resources, Long::sum);
                }
            }
            if (code != null) {
                hospitals.add(hospital(code, first, today, byDay, reasons));
            }
        }
        hospitals.sort(Comparator.comparing(Hospital::code));
        return new IntakeReport(first, today, hospitals);
    }

    private static Hospital hospital(String code, LocalDate first, LocalDate last, Map<LocalDate, long[]> byDay,
                                     Map<String, Long> reasons) {
        List<Day> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            long[] counts = byDay.getOrDefault(day, new long[2]);
            days.add(new Day(day, counts[0], counts[1]));
        }
        List<Reason> ranked = reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new Reason(e.getKey(), e.getValue())).toList();
        List<Reason> top = ranked.subList(0, Math.min(TOP_REASONS, ranked.size()));
        long other = ranked.stream().skip(TOP_REASONS).mapToLong(Reason::resources).sum();
        return new Hospital(code, days, List.copyOf(top), other);
    }

    private static LocalDate dayOf(JsonNode line) {
        JsonNode day = FhirJson.partValue(line, "day");
        return day.isMissingNode() ? null : LocalDate.parse(day.asText());
    }
}
