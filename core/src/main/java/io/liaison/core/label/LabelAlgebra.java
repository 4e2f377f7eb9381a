package io.liaison.core.label;

import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.core.policy.CategoryTag;
import io.liaison.core.policy.CategoryType;
import io.liaison.core.policy.SecurityPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Dominance and combination of labels in one policy (SPIF semantics). A permissive tag that a label
 * does not carry restricts nobody; a restrictive tag it does not carry requires nothing.
 */
public final class LabelAlgebra {
    private LabelAlgebra() {}

    /** The result of combining labels (R4): the label and every originator of the sources. */
    public record Combined(SecurityLabel label, Set<Party> originators) {
        public Combined {
            originators = Set.copyOf(originators);
        }
    }

    /**
     * True when {@code a} is at least as restrictive as {@code b}: level at least as high, every
     * restrictive value of b, and for each permissive tag of b a subset of its values. Informative tags
     * are ignored. Both labels must be valid in {@code policy}.
     */
    public static boolean dominates(SecurityPolicy policy, SecurityLabel a, SecurityLabel b) {
        if (policy.rank(a.classification()) < policy.rank(b.classification())) {
            return false;
        }
        for (Category cb : b.categories()) {
            Optional<Category> ca = a.category(cb.tagName(), cb.type());
            switch (cb.type()) {
                case RESTRICTIVE -> {
                    if (ca.isEmpty() || !ca.get().values().containsAll(cb.values())) {
                        return false;
                    }
                }
                case PERMISSIVE -> {
                    if (ca.isEmpty() || !cb.values().containsAll(ca.get().values())) {
                        return false;
                    }
                }
                case INFORMATIVE -> { }
            }
        }
        return true;
    }

    /**
     * Combines labels of one policy for a copy, extract or translation (R4): the highest level, the union
     * of restrictive and informative values, the intersection of permissive values. Refused when the
     * result would break the policy (an empty permissive tag, an exclusion such as NOFORN with REL TO).
     */
    public static Combined combine(SecurityPolicy policy, List<SecurityLabel> sources, Instant created) {
        if (sources.isEmpty()) {
            throw new InvalidInputException("COMBINE_EMPTY", "nothing to combine: give at least one source label (R4)");
        }
        Set<Party> originators = new LinkedHashSet<>();
        for (SecurityLabel s : sources) {
            LabelValidator.requireValid(s, policy);
            s.originator().ifPresent(originators::add);
        }
        SecurityLabel top = sources.stream()
                .max(Comparator.comparingInt(s -> policy.rank(s.classification()))).orElseThrow();
        List<Category> categories = new ArrayList<>();
        for (CategoryTag tag : policy.tags()) {
            Set<String> acc = null;
            for (SecurityLabel s : sources) {
                Optional<Category> c = s.category(tag.tagSet(), tag.type());
                if (c.isEmpty()) {
                    continue;
                }
                if (acc == null) {
                    acc = new TreeSet<>(c.get().values());
                } else if (tag.type() == CategoryType.PERMISSIVE) {
                    acc.retainAll(c.get().values());
                } else {
                    acc.addAll(c.get().values());
                }
            }
            if (acc == null) {
                continue;
            }
            if (acc.isEmpty()) {
                throw new InvalidInputException("COMBINE_EMPTY_PERMISSIVE", "combined label would have no value left in "
                        + tag.tagSet() + " (PERMISSIVE): the sources share no value, so nobody could read it (R4)");
            }
            categories.add(new Category(tag.tagSet(), tag.type(),
                    acc.stream().sorted(Comparator.comparingInt(tag::indexOf)).toList()));
        }
        Optional<Party> originator = originators.size() == 1 ? Optional.of(originators.iterator().next()) : Optional.empty();
        Optional<String> privacy = sources.stream().map(SecurityLabel::privacyMark).flatMap(Optional::stream).findFirst();
        SecurityLabel combined = new SecurityLabel(top.policy(), top.classification(), privacy, categories, originator,
                created, Optional.empty());
        List<String> problems = LabelValidator.problems(combined, policy);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("COMBINE_CONFLICT",
                    "combined label breaks policy " + policy.id() + " (R4): " + problems.getFirst(), problems);
        }
        return new Combined(combined, originators);
    }
}
