package org.onecity.imaging.dicomweb;

import org.onecity.imaging.codec.Transcoder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The transfer syntaxes a WADO-RS request for instances accepts (PS3.18 8.7.3.5): its Accept header's DICOM media
 * ranges in order of preference, each with its {@code transfer-syntax} parameter; {@code *} or none means "as
 * stored". An instance goes in the first one accepted that is its stored syntax or one the archive can produce.
 * Without an Accept header, or with no transfer-syntax asked for, instances go as stored (PS3.18 would have Explicit
 * VR Little Endian by default; as stored is what viewers expect of an archive, and what Orthanc does).
 */
final class AcceptedSyntaxes {

    private static final String AS_STORED = "*";

    private final List<String> syntaxes;

    private AcceptedSyntaxes(List<String> syntaxes) {
        this.syntaxes = syntaxes;
    }

    /** Null when the header accepts no DICOM at all. */
    static AcceptedSyntaxes parse(String accept) {
        if (accept == null || accept.isBlank()) {
            return new AcceptedSyntaxes(List.of(AS_STORED));
        }
        record Range(String syntax, double quality, int order) {
        }
        List<Range> ranges = new ArrayList<>();
        String[] parts = accept.split(",");
        for (int i = 0; i < parts.length; i++) {
            String[] fields = parts[i].split(";");
            String type = fields[0].trim().toLowerCase(Locale.ROOT);
            String syntax = AS_STORED;
            String related = null;
            double quality = 1;
            for (int f = 1; f < fields.length; f++) {
                String[] pair = fields[f].split("=", 2);
                if (pair.length < 2) {
                    continue;
                }
                String name = pair[0].trim().toLowerCase(Locale.ROOT);
                String value = pair[1].trim().replace("\"", "");
                switch (name) {
                    case "transfer-syntax" -> syntax = value;
                    case "type" -> related = value.toLowerCase(Locale.ROOT);
                    case "q" -> quality = quality(value);
                    default -> {
                    }
                }
            }
            boolean dicom = type.equals("application/dicom") || type.equals("*/*") || type.equals("multipart/*")
                    || type.equals("multipart/related") && (related == null || related.equals("application/dicom"));
            if (dicom && quality > 0) {
                ranges.add(new Range(syntax, quality, i));
            }
        }
        if (ranges.isEmpty()) {
            return null;
        }
        ranges.sort(Comparator.comparingDouble(Range::quality).reversed().thenComparingInt(Range::order));
        return new AcceptedSyntaxes(ranges.stream().map(Range::syntax).toList());
    }

    /** The syntax an instance stored in the given one goes in, if any accepted can be had. */
    Optional<String> choose(String stored) {
        for (String syntax : syntaxes) {
            if (syntax.equals(AS_STORED)) {
                return Optional.of(stored);
            }
            if (Transcoder.canProduce(stored, syntax)) {
                return Optional.of(syntax);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return String.join(", ", syntaxes);
    }

    private static double quality(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
