package io.liaison.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * One value of a category tag (SPIF {@code tagCategory}), e.g. {@code NOFORN} or {@code JPN}.
 * {@code excludes} names tag sets that may not appear in the same label (NOFORN excludes REL TO).
 */
public record TagValue(String name, int lacv, Phrases banner, String portion, List<String> excludes) {
    public TagValue {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("tag value name is empty");
        }
        Objects.requireNonNull(banner, "banner");
        if (portion == null || portion.isBlank()) {
            throw new IllegalArgumentException("tag value " + name + ": portion marking is empty");
        }
        excludes = List.copyOf(excludes);
    }
}
