package org.onecity.batch.money;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Amounts as the insurers' files write them: yuan with up to two decimals ({@code 1234.5}, {@code 1234.56}), kept
 * as whole fen. No floating point: a value that is not exactly whole fen is refused, not rounded.
 */
public final class Yuan {

    private static final Pattern AMOUNT = Pattern.compile("-?\\d{1,13}(\\.\\d{1,2})?");

    private Yuan() {
    }

    /** The amount in fen, or an IllegalArgumentException saying why the text is not an amount. */
    public static long parse(String text) {
        if (text == null || !AMOUNT.matcher(text).matches()) {
            String shown = text == null || text.length() <= 32 ? text : text.substring(0, 32) + "...";
            throw new IllegalArgumentException("'" + shown + "' is not an amount in yuan with at most two decimals");
        }
        return new BigDecimal(text).movePointRight(2).longValueExact();
    }

    /** Always two decimals: {@code 1234.50}. */
    public static String format(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }
}
