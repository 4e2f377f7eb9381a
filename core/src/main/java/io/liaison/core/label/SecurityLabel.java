package io.liaison.core.label;

import io.liaison.core.party.Party;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A confidentiality label in the ADatP-4774 model: the policy, a classification, an optional privacy
 * mark, categories, the originator and the creation and review times. It says nothing of whether it is
 * valid in its policy; {@link LabelValidator} decides that.
 */
public record SecurityLabel(
        PolicyIdentifier policy,
        String classification,
        Optional<String> privacyMark,
        List<Category> categories,
        Optional<Party> originator,
        Instant created,
        Optional<Instant> reviewAt) {
    public SecurityLabel {
        Objects.requireNonNull(policy, "policy");
        if (classification == null || classification.isBlank()) {
            throw new IllegalArgumentException("Classification is empty");
        }
        Objects.requireNonNull(privacyMark, "privacyMark");
        Objects.requireNonNull(originator, "originator");
        Objects.requireNonNull(created, "CreationDateTime is required");
        Objects.requireNonNull(reviewAt, "reviewAt");
        categories = List.copyOf(categories);
        Set<String> keys = new HashSet<>();
        for (Category c : categories) {
            if (!keys.add(c.tagName() + "\u0000" + c.type())) {
                throw new IllegalArgumentException(
                        "Category " + c.tagName() + " (" + c.type() + ") appears twice; give its values once");
            }
        }
    }

    /**
     * The label's {@code CreationDateTime} when it gives one. ADatP-4774 leaves it optional; a label read without one
     * carries {@link Instant#EPOCH} in {@link #created}, which stands for none and is not written back.
     */
    public Optional<Instant> creationTime() {
        return created.equals(Instant.EPOCH) ? Optional.empty() : Optional.of(created);
    }

    /** A label with no categories, privacy mark or review time. */
    public static SecurityLabel of(PolicyIdentifier policy, String classification, Party originator, Instant created) {
        return new SecurityLabel(policy, classification, Optional.empty(), List.of(), Optional.of(originator),
                created, Optional.empty());
    }

    public Optional<Category> category(String tagName, io.liaison.core.policy.CategoryType type) {
        return categories.stream().filter(c -> c.tagName().equals(tagName) && c.type() == type).findFirst();
    }

    public SecurityLabel withClassification(String level) {
        return new SecurityLabel(policy, level, privacyMark, categories, originator, created, reviewAt);
    }

    public SecurityLabel withCategories(List<Category> newCategories) {
        return new SecurityLabel(policy, classification, privacyMark, newCategories, originator, created, reviewAt);
    }

    public SecurityLabel withCategory(Category category) {
        List<Category> next = new ArrayList<>();
        for (Category c : categories) {
            if (!(c.tagName().equals(category.tagName()) && c.type() == category.type())) {
                next.add(c);
            }
        }
        next.add(category);
        return withCategories(next);
    }
}
