package org.onecity.portal.doctor;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * The normal range of a test. The result's own range comes first; for results sent without one, the adult ranges
 * of the common tests below are shown, marked as typical rather than the laboratory's.
 */
public record ReferenceRange(BigDecimal low, BigDecimal high, boolean typical) {

    private static final Map<String, ReferenceRange> TYPICAL = Map.of(
            "718-7", typical("12.0", "17.5"),     // haemoglobin, g/dL
            "6690-2", typical("4.0", "10.0"),     // leukocytes, 10*3/uL
            "777-3", typical("150", "400"),       // platelets, 10*3/uL
            "2345-7", typical("70", "100"),       // glucose, mg/dL
            "2160-0", typical("0.6", "1.3"),      // creatinine, mg/dL
            "1742-6", typical("7", "56"),         // ALT, U/L
            "2951-2", typical("135", "145"),      // sodium, mmol/L
            "2823-3", typical("3.5", "5.1"),      // potassium, mmol/L
            "3094-0", typical("7", "20"),         // urea nitrogen, mg/dL
            "4548-4", typical("4.0", "5.6"));     // HbA1c, %

    public static Optional<ReferenceRange> typicalFor(String loinc) {
        return Optional.ofNullable(TYPICAL.get(loinc));
    }

    private static ReferenceRange typical(String low, String high) {
        return new ReferenceRange(new BigDecimal(low), new BigDecimal(high), true);
    }

    public boolean contains(BigDecimal value) {
        return (low == null || value.compareTo(low) >= 0) && (high == null || value.compareTo(high) <= 0);
    }
}
