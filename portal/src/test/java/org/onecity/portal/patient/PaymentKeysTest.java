package org.onecity.portal.patient;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PaymentKeysTest {

    @Test
    void everyViewOfABillOffersTheSameKeySoAReloadOrADoubleClickPaysOnce() {
        PaymentKeys keys = new PaymentKeys();

        String first = keys.forBill(7);

        assertThat(keys.forBill(7)).isEqualTo(first);
        assertThat(keys.issued(7, first)).isTrue();
    }

    @Test
    void aKeyPaysOnlyTheBillItWasMadeFor() {
        PaymentKeys keys = new PaymentKeys();
        String forSeven = keys.forBill(7);

        assertThat(keys.forBill(8)).isNotEqualTo(forSeven);
        assertThat(keys.issued(8, forSeven)).isFalse();
        assertThat(keys.issued(9, null)).isFalse();
    }
}
