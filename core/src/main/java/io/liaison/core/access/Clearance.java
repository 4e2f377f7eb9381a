package io.liaison.core.access;

import io.liaison.core.party.Party;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A person's clearance in one policy: a level, the category values held per tag set, and a nationality.
 * The nationality counts as held in the policy's nationality tag (REL TO).
 */
public record Clearance(String policyId, String level, Map<String, Set<String>> categories, Party nationality) {
    public Clearance {
        if (policyId == null || policyId.isBlank()) {
            throw new IllegalArgumentException("clearance has no policy");
        }
        if (level == null || level.isBlank()) {
            throw new IllegalArgumentException("clearance has no level");
        }
        Objects.requireNonNull(nationality, "clearance has no nationality");
        TreeMap<String, Set<String>> copy = new TreeMap<>();
        categories.forEach((tag, values) -> copy.put(tag, Set.copyOf(values)));
        categories = java.util.Collections.unmodifiableMap(copy);
    }

    public static Clearance of(String policyId, String level, Party nationality) {
        return new Clearance(policyId, level, Map.of(), nationality);
    }

    public Set<String> held(String tagSet) {
        return categories.getOrDefault(tagSet, Set.of());
    }
}
