package io.liaison.node.search;

import io.liaison.core.policy.Classification;
import io.liaison.core.policy.SecurityPolicy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of results. {@code total} is the number of matching items the user may read; {@code
 * levelFacets} counts those per classification name, with every level of the policy present (0 when
 * none), lowest level first; {@code purposeFacets} and {@code originatorFacets} count them per purpose and per
 * originating party (only those with at least one), by name.
 */
public record SearchPage(List<Hit> hits, long total, Map<String, Long> levelFacets, Map<String, Long> purposeFacets,
        Map<String, Long> originatorFacets, int offset, int limit) {
    public SearchPage {
        hits = List.copyOf(hits);
        // Keep the policy's level order for display; Map.copyOf would lose it.
        levelFacets = Collections.unmodifiableMap(new LinkedHashMap<>(levelFacets));
        purposeFacets = Collections.unmodifiableMap(new java.util.TreeMap<>(purposeFacets));
        originatorFacets = Collections.unmodifiableMap(new java.util.TreeMap<>(originatorFacets));
    }

    public SearchPage(List<Hit> hits, long total, Map<String, Long> levelFacets, int offset, int limit) {
        this(hits, total, levelFacets, Map.of(), Map.of(), offset, limit);
    }

    /** A page with nothing in it: every level of the policy counted 0. */
    static SearchPage empty(SecurityPolicy policy, int offset, int limit) {
        Map<String, Long> facets = new LinkedHashMap<>();
        for (Classification c : policy.levels()) {
            facets.put(c.name(), 0L);
        }
        return new SearchPage(List.of(), 0, facets, offset, limit);
    }
}
