package io.liaison.core.policy;

import java.util.Optional;

/**
 * How a category constrains access (SPIF / ADatP-4774): a reader needs every RESTRICTIVE value, at least
 * one value of each PERMISSIVE category, and INFORMATIVE categories are ignored.
 */
public enum CategoryType {
    PERMISSIVE,
    RESTRICTIVE,
    INFORMATIVE;

    /** Parses the ADatP-4774 {@code Type} attribute, which is upper case; anything else is absent. */
    public static Optional<CategoryType> parseExact(String text) {
        for (CategoryType t : values()) {
            if (t.name().equals(text)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
