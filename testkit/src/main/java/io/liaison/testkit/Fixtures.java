package io.liaison.testkit;

import io.liaison.catalog.ShippedCatalog;
import io.liaison.core.catalog.Catalog;

/** Shared fixtures: the shipped catalog, loaded once. */
public final class Fixtures {
    private static final Catalog CATALOG = ShippedCatalog.load();

    private Fixtures() {}

    public static Catalog catalog() {
        return CATALOG;
    }
}
