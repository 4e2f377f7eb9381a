package io.liaison.core.policy;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One value of a category tag (SPIF {@code tagCategory}), e.g. {@code NOFORN} or {@code JPN}.
 * {@code excludes} names tag sets that may not appear in the same label (NOFORN excludes REL TO).
 * {@code members} makes a value a group of nationalities (a tetragraph such as {@code FVEY}): a reader of any of
 * those nationalities holds it; empty for a plain value.
 */
public record TagValue(String name, int lacv, Phrases banner, String portion, List<String> excludes,
        Set<String> members) {
    public TagValue {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("tag value name is empty");
        }
        Objects.requireNonNull(banner, "banner");
        if (portion == null || portion.isBlank()) {
            throw new IllegalArgumentException("tag value " + name + ": portion marking is empty");
        }
        excludes = List.copyOf(excludes);
        members = Set.copyOf(members);
    }

    /** A plain value, not a group. */
    public TagValue(String name, int lacv, Phrases banner, String portion, List<String> excludes) {
        this(name, lacv, banner, portion, excludes, Set.of());
    }

    /** Whether a reader of nationality {@code code} holds this value: it is that nationality or a group of it. */
    public boolean heldByNationality(String code) {
        return name.equals(code) || members.contains(code);
    }
}
