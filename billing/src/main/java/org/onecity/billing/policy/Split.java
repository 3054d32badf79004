package org.onecity.billing.policy;

import org.onecity.billing.money.Money;

/**
 * How a visit's bill is shared between the insurance fund, the card's personal account and the patient, and why.
 *
 * @param total           every charge of the visit
 * @param outsideSelfPay  items outside the catalogue, all paid by the patient (自费)
 * @param classBSelfPay   the share of class B items the patient pays first (乙类先行自付)
 * @param withinScope     what the insurance considers (政策范围内): class A and the rest of class B
 * @param deductible      the part of the within-scope amount below the deductible (起付线)
 * @param coinsurance     the patient's share above the deductible (按比例自付)
 * @param overCap         what the fund would have paid beyond its annual cap
 * @param fund            the insurance fund's share (统筹支付)
 * @param personalAccount paid from the card's personal account (个人账户支付)
 * @param patient         what the patient pays (现金支付)
 */
public record Split(String policy, Money total, Money outsideSelfPay, Money classBSelfPay, Money withinScope,
                    Money deductible, Money coinsurance, Money overCap, Money fund, Money personalAccount,
                    Money patient) {

    /** The patient's share within scope, which a personal account may pay. */
    public Money selfShare() {
        return classBSelfPay.plus(deductible).plus(coinsurance).plus(overCap);
    }
}
