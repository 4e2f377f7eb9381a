package io.liaison.core.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A category tag of a policy: a tag set name (the ADatP-4774 {@code TagName}) with a type and its
 * values, in marking order. Tags in the same {@code block} are rendered together, joined by {@code /};
 * blocks are joined by the policy's block separator. {@code holdsNationality} marks the tag whose values
 * are nationalities (REL TO): a reader holds the value of his own nationality. A tag's values are written after its
 * prefix and before its suffix, each in the marking's language where the policy gives one ({@code Releasable to } in
 * English, {@code Communicable a } in French).
 */
public record CategoryTag(
        String tagSet,
        CategoryType type,
        String block,
        String prefix,
        String separator,
        boolean holdsNationality,
        List<TagValue> values,
        java.util.Map<String, String> prefixes,
        String suffix,
        java.util.Map<String, String> suffixes) {
    public CategoryTag {
        if (tagSet == null || tagSet.isBlank()) {
            throw new IllegalArgumentException("tag set name is empty");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(separator, "separator");
        values = List.copyOf(values);
        prefixes = java.util.Map.copyOf(prefixes);
        Objects.requireNonNull(suffix, "suffix");
        suffixes = java.util.Map.copyOf(suffixes);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("tag set " + tagSet + " (" + type + ") has no values");
        }
        if (values.stream().map(TagValue::name).distinct().count() != values.size()) {
            throw new IllegalArgumentException("tag set " + tagSet + " (" + type + ") repeats a value");
        }
    }

    /** A tag with one prefix and no suffix, in every language. */
    public CategoryTag(String tagSet, CategoryType type, String block, String prefix, String separator,
            boolean holdsNationality, List<TagValue> values) {
        this(tagSet, type, block, prefix, separator, holdsNationality, values, java.util.Map.of(), "",
                java.util.Map.of());
    }

    /** The prefix in {@code lang}: exactly, else its primary subtag ({@code fr-CA}: {@code fr}), else the default. */
    public String prefix(String lang) {
        return Phrases.pick(prefixes, lang).orElse(prefix);
    }

    /** The suffix in {@code lang}, as {@link #prefix(String)}. */
    public String suffix(String lang) {
        return Phrases.pick(suffixes, lang).orElse(suffix);
    }

    /** Every prefix it may be written with, the default first. */
    public List<String> allPrefixes() {
        java.util.List<String> out = new java.util.ArrayList<>(List.of(prefix));
        prefixes.values().stream().filter(p -> !out.contains(p)).forEach(out::add);
        return out;
    }

    /** Every suffix it may be written with, the default first. */
    public List<String> allSuffixes() {
        java.util.List<String> out = new java.util.ArrayList<>(List.of(suffix));
        suffixes.values().stream().filter(p -> !out.contains(p)).forEach(out::add);
        return out;
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
