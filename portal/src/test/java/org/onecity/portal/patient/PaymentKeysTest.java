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

    @Test
    void aDefinitiveRefusalFromBillingGivesTheBillANewKeySoTheNextTryIsANewPayment() {
        for (int definitive : new int[] {402, 409, 422}) {
            PaymentKeys keys = new PaymentKeys();
            String refused = keys.forBill(7);

            keys.afterRefusal(7, definitive);

            assertThat(keys.issued(7, refused)).as("HTTP " + definitive).isFalse();
            assertThat(keys.forBill(7)).as("HTTP " + definitive).isNotEqualTo(refused);
        }
    }

    @Test
    void anUnknownOutcomeKeepsTheKeySoTryingAgainCannotPayTwice() {
        for (int unknown : new int[] {500, 502, 503, 504}) {
            PaymentKeys keys = new PaymentKeys();
            String first = keys.forBill(7);

            keys.afterRefusal(7, unknown);

            assertThat(keys.forBill(7)).as("HTTP " + unknown).isEqualTo(first);
            assertThat(keys.issued(7, first)).isTrue();
        }
    }
}
