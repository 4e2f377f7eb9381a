package io.liaison.core.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A category tag of a policy: a tag set name (the ADatP-4774 {@code TagName}) with a type and its
 * values, in marking order. Tags in the same {@code block} are rendered together, joined by {@code /};
 * blocks are joined by the policy's block separator. {@code holdsNationality} marks the tag whose values
 * are nationalities (REL TO): a reader holds the value of his own nationality.
 */
public record CategoryTag(
        String tagSet,
        CategoryType type,
        String block,
        String prefix,
        String separator,
        boolean holdsNationality,
        List<TagValue> values) {
    public CategoryTag {
        if (tagSet == null || tagSet.isBlank()) {
            throw new IllegalArgumentException("tag set name is empty");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(separator, "separator");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("tag set " + tagSet + " (" + type + ") has no values");
        }
        if (values.stream().map(TagValue::name).distinct().count() != values.size()) {
            throw new IllegalArgumentException("tag set " + tagSet + " (" + type + ") repeats a value");
        }
    }

    public Optional<TagValue> value(String name) {
        for (TagValue v : values) {
            if (v.name().equals(name)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Position of a value in marking order, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
