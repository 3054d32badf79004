package org.onecity.billing.catalogue;

import org.onecity.billing.policy.InsuranceCategory;

/** A billable item of the city's insurance catalogue: a service, a test, a drug or a material. */
public record CatalogueItem(String code, String name, InsuranceCategory category) {
}
