package org.onecity.billing.money;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.io.IOException;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of renminbi, held as whole fen (1 yuan = 100 fen) so that every sum is exact. Written and read as yuan
 * with at most two decimals ({@code 12.5}, {@code "12.50"}); a third decimal is a mistake, never rounded away.
 */
@JsonDeserialize(using = Money.FromJson.class)
public record Money(long fen) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    public static Money fen(long fen) {
        return new Money(fen);
    }

    /** Reads yuan as written by a person or a system: {@code 12}, {@code 12.5}, {@code 12.50}. */
    public static Money yuan(String yuan) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(yuan.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("Not an amount of yuan: " + yuan);
        }
        return yuan(amount);
    }

    public static Money yuan(BigDecimal yuan) {
        BigDecimal stripped = yuan.stripTrailingZeros();
        if (stripped.scale() > 2) {
            throw new IllegalArgumentException("An amount has at most two decimals (fen): " + yuan.toPlainString());
        }
        try {
            return new Money(yuan.movePointRight(2).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Amount out of range: " + yuan.toPlainString());
        }
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(fen, other.fen));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(fen, other.fen));
    }

    public Money times(long quantity) {
        return new Money(Math.multiplyExact(fen, quantity));
    }

    public Money negate() {
        return new Money(Math.negateExact(fen));
    }

    /** This amount's share at a rate such as 0.85, rounded half up to the fen. */
    public Money share(BigDecimal rate) {
        return new Money(BigDecimal.valueOf(fen).multiply(rate).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    public Money min(Money other) {
        return fen <= other.fen ? this : other;
    }

    public Money max(Money other) {
        return fen >= other.fen ? this : other;
    }

    /** What is left of this amount after taking {@code other}, never below zero. */
    public Money less(Money other) {
        return minus(other).max(ZERO);
    }

    public boolean isPositive() {
        return fen > 0;
    }

    public boolean isNegative() {
        return fen < 0;
    }

    public boolean isZero() {
        return fen == 0;
    }

    public BigDecimal toYuan() {
        return BigDecimal.valueOf(fen, 2);
    }

    @JsonValue
    @Override
    public String toString() {
        return toYuan().toPlainString();
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(fen, other.fen);
    }

    /** Reads a JSON number or string of yuan exactly, from its text: never through a double. */
    static final class FromJson extends JsonDeserializer<Money> {
        @Override
        public Money deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                return yuan(parser.getDecimalValue());
            }
            if (token == JsonToken.VALUE_STRING) {
                return yuan(parser.getText());
            }
            throw new IllegalArgumentException("An amount is a number of yuan, not " + token);
        }
    }
}
