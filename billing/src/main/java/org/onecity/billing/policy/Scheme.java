package org.onecity.billing.policy;

/** The social insurance scheme a card belongs to. */
public enum Scheme {
    /** Basic medical insurance for employees: has a personal account. */
    EMPLOYEE,
    /** Basic medical insurance for urban and rural residents. */
    RESIDENT
}
