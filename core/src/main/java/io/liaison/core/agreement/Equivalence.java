package io.liaison.core.agreement;

import io.liaison.core.party.Party;
import java.util.Objects;

/**
 * One directional row of an agreement's equivalence table: what {@code from} marks {@code fromLevel},
 * {@code to} protects as {@code toLevel}. Several rows may map to the same level (many-to-one).
 */
public record Equivalence(Party from, String fromLevel, Party to, String toLevel, String article) {
    public Equivalence {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.equals(to)) {
            throw new IllegalArgumentException("equivalence row maps " + from + " to itself");
        }
        if (fromLevel == null || fromLevel.isBlank() || toLevel == null || toLevel.isBlank()) {
            throw new IllegalArgumentException("equivalence row " + from + " -> " + to + " has an empty level");
        }
        article = article == null ? "" : article;
    }
}
