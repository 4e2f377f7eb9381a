package io.liaison.node.search;

import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a search is narrowed to beyond its words, as a facet was chosen: one level (by name, in the node's policy),
 * one purpose, one originator. Narrowing never widens: the reader's access filter applies first.
 */
public record Refinement(Optional<String> level, Optional<Purpose> purpose, Optional<Party> originator) {
    public static final Refinement NONE = new Refinement(Optional.empty(), Optional.empty(), Optional.empty());

    public Refinement {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(originator, "originator");
    }

    /**
     * The refinement of a form or query string: each value blank or absent for none. A purpose or party that is not
     * one is refused with the value named.
     */
    public static Refinement of(String level, String purpose, String originator) {
        try {
            return new Refinement(given(level), given(purpose).map(Purpose::of), given(originator).map(Party::of));
        } catch (IllegalArgumentException e) {
            throw new io.liaison.core.error.InvalidInputException("FACET_INVALID", e.getMessage());
        }
    }

    private static Optional<String> given(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.length() > 200 ? s.substring(0, 200) : s);
    }

    /** Whether any facet is chosen. */
    public boolean any() {
        return level.isPresent() || purpose.isPresent() || originator.isPresent();
    }

    /** The refinement as audit details (only the facets chosen). */
    public Map<String, String> details() {
        Map<String, String> m = new LinkedHashMap<>();
        level.ifPresent(l -> m.put("level", l));
        purpose.ifPresent(p -> m.put("purpose", p.name()));
        originator.ifPresent(o -> m.put("originator", o.code()));
        return m;
    }
}
