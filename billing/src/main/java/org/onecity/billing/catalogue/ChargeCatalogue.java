package org.onecity.billing.catalogue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The city's catalogue of billable items, by code; a hospital charges only what the catalogue lists. */
public final class ChargeCatalogue {

    private final Map<String, CatalogueItem> items = new LinkedHashMap<>();

    public ChargeCatalogue(List<CatalogueItem> items) {
        for (CatalogueItem item : items) {
            if (this.items.putIfAbsent(item.code(), item) != null) {
                throw new IllegalArgumentException("The charge catalogue lists " + item.code() + " twice");
            }
        }
    }

    public Optional<CatalogueItem> item(String code) {
        return Optional.ofNullable(code).map(items::get);
    }

    public int size() {
        return items.size();
    }
}
