package org.onecity.billing.money;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @Test
    void yuanAreReadExactlyIntoFen() {
        assertThat(Money.yuan("12")).isEqualTo(Money.fen(1_200));
        assertThat(Money.yuan("12.5")).isEqualTo(Money.fen(1_250));
        assertThat(Money.yuan("0.01")).isEqualTo(Money.fen(1));
        assertThat(Money.yuan("12.500")).isEqualTo(Money.fen(1_250));
        assertThat(Money.yuan("-3.10")).isEqualTo(Money.fen(-310));
    }

    @Test
    void aThirdDecimalIsRefusedNotRounded() {
        assertThatThrownBy(() -> Money.yuan("12.345")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most two decimals");
        assertThatThrownBy(() -> Money.yuan("twelve")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void amountsAreWrittenAsYuanWithTwoDecimals() {
        assertThat(Money.fen(1_250)).hasToString("12.50");
        assertThat(Money.fen(5)).hasToString("0.05");
        assertThat(Money.fen(-5)).hasToString("-0.05");
    }

    @Test
    void sharesRoundHalfUpToTheFen() {
        assertThat(Money.fen(15).share(new BigDecimal("0.10"))).isEqualTo(Money.fen(2));
        assertThat(Money.fen(14).share(new BigDecimal("0.10"))).isEqualTo(Money.fen(1));
        assertThat(Money.fen(1_090_000).share(new BigDecimal("0.90"))).isEqualTo(Money.fen(981_000));
    }

    @Test
    void overflowIsAnErrorNotAWrongAmount() {
        assertThatThrownBy(() -> Money.fen(Long.MAX_VALUE).plus(Money.fen(1))).isInstanceOf(ArithmeticException.class);
    }
}
