package io.liaison.core.label;

import io.liaison.core.policy.CategoryType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/** An ADatP-4774 {@code Category}: a tag name, its type, and one or more {@code GenericValue}s. */
public record Category(String tagName, CategoryType type, List<String> values) {
    public Category {
        if (tagName == null || tagName.isBlank()) {
            throw new IllegalArgumentException("Category TagName is empty");
        }
        Objects.requireNonNull(type, "Category " + tagName + " has no Type");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("Category " + tagName + " has no GenericValue");
        }
        if (new LinkedHashSet<>(values).size() != values.size()) {
            throw new IllegalArgumentException("Category " + tagName + " repeats a value: " + values);
        }
        for (String v : values) {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("Category " + tagName + " has an empty GenericValue");
            }
        }
    }

    public static Category of(String tagName, CategoryType type, String... values) {
        return new Category(tagName, type, List.of(values));
    }
}
