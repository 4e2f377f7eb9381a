package io.liaison.core.access;

import io.liaison.core.label.Category;
import io.liaison.core.label.LabelValidator;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.policy.CategoryTag;
import io.liaison.core.policy.CategoryType;
import io.liaison.core.policy.SecurityPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SPIF-style access checks for one policy, on precompiled labels and clearances (R9). Each category value
 * of the policy gets one bit; a check is then a comparison of ranks and a few mask operations:
 * clearance rank at least the label's, every restrictive bit held, and for each permissive tag at least
 * one bit held. Informative tags are never compiled in.
 */
public final class AccessControl {
    private final SecurityPolicy policy;
    private final Map<String, Integer> bits = new HashMap<>();
    private final int words;

    private AccessControl(SecurityPolicy policy) {
        this.policy = policy;
        int next = 0;
        for (CategoryTag tag : policy.tags()) {
            for (var v : tag.values()) {
                bits.put(key(tag.tagSet(), tag.type(), v.name()), next++);
            }
        }
        this.words = Math.max(1, (next + 63) / 64);
    }

    public static AccessControl of(SecurityPolicy policy) {
        return new AccessControl(policy);
    }

    public SecurityPolicy policy() {
        return policy;
    }

    /** Compiles a label, which must be valid in this policy. */
    public CompiledLabel compile(SecurityLabel label) {
        LabelValidator.requireValid(label, policy);
        long[] restrictive = new long[words];
        List<long[]> permissive = new ArrayList<>();
        for (Category c : label.categories()) {
            if (c.type() == CategoryType.INFORMATIVE) {
                continue;
            }
            long[] mask = c.type() == CategoryType.RESTRICTIVE ? restrictive : new long[words];
            for (String v : c.values()) {
                set(mask, bits.get(key(c.tagName(), c.type(), v)));
            }
            if (c.type() == CategoryType.PERMISSIVE) {
                permissive.add(mask);
            }
        }
        return new CompiledLabel(this, policy.rank(label.classification()), restrictive,
                permissive.toArray(new long[0][]), label);
    }

    /** Compiles a clearance of this policy; unknown levels and values are refused. */
    public CompiledClearance compile(Clearance clearance) {
        if (!clearance.policyId().equals(policy.id())) {
            throw new IllegalArgumentException("clearance is in policy " + clearance.policyId() + ", not " + policy.id());
        }
        int rank = policy.rank(policy.requireClassification(clearance.level()).name());
        long[] held = new long[words];
        for (var e : clearance.categories().entrySet()) {
            List<CategoryTag> tags = policy.tagsNamed(e.getKey());
            if (tags.isEmpty()) {
                throw new IllegalArgumentException("clearance names tag set " + e.getKey() + ", which policy "
                        + policy.id() + " does not have");
            }
            for (String v : e.getValue()) {
                boolean known = false;
                for (CategoryTag t : tags) {
                    Integer bit = bits.get(key(t.tagSet(), t.type(), v));
                    if (bit != null) {
                        set(held, bit);
                        known = true;
                    }
                }
                if (!known) {
                    throw new IllegalArgumentException("clearance holds " + v + ", which is not a value of "
                            + e.getKey() + " in policy " + policy.id());
                }
            }
        }
        for (CategoryTag t : policy.tags()) {
            if (t.holdsNationality()) {
                // The reader's nationality, and every group of nationalities it belongs to (REL TO FVEY).
                for (var v : t.values()) {
                    if (v.heldByNationality(clearance.nationality().code())) {
                        set(held, bits.get(key(t.tagSet(), t.type(), v.name())));
                    }
                }
            }
        }
        return new CompiledClearance(this, rank, held, clearance);
    }

    /** The fast path: true when the clearance may read the label. */
    public boolean permits(CompiledClearance c, CompiledLabel l) {
        if (c.owner != this || l.owner != this) {
            throw new IllegalArgumentException("clearance and label were compiled for another policy than " + policy.id());
        }
        if (c.rank < l.rank) {
            return false;
        }
        long[] held = c.held;
        long[] r = l.restrictive;
        for (int i = 0; i < r.length; i++) {
            if ((r[i] & ~held[i]) != 0) {
                return false;
            }
        }
        for (long[] p : l.permissive) {
            boolean any = false;
            for (int i = 0; i < p.length; i++) {
                if ((p[i] & held[i]) != 0) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    /** The same check, saying what failed first: level, then restrictive, then permissive tags. */
    public AccessCheck check(CompiledClearance c, CompiledLabel l) {
        if (permits(c, l)) {
            return AccessCheck.PERMITTED;
        }
        if (c.rank < l.rank) {
            return new AccessCheck(AccessCheck.Failure.LEVEL, "", List.of(l.label.classification()));
        }
        Clearance clearance = c.clearance;
        for (Category cat : l.label.categories()) {
            if (cat.type() != CategoryType.RESTRICTIVE) {
                continue;
            }
            List<String> missing = cat.values().stream().filter(v -> !holds(clearance, cat, v)).toList();
            if (!missing.isEmpty()) {
                return new AccessCheck(AccessCheck.Failure.RESTRICTIVE, cat.tagName(), missing);
            }
        }
        for (Category cat : l.label.categories()) {
            if (cat.type() == CategoryType.PERMISSIVE && cat.values().stream().noneMatch(v -> holds(clearance, cat, v))) {
                return new AccessCheck(AccessCheck.Failure.PERMISSIVE, cat.tagName(), cat.values());
            }
        }
        throw new IllegalStateException("mask check and explanation disagree for policy " + policy.id());
    }

    private boolean holds(Clearance clearance, Category cat, String value) {
        if (clearance.held(cat.tagName()).contains(value)) {
            return true;
        }
        Optional<CategoryTag> tag = policy.tag(cat.tagName(), cat.type());
        return tag.isPresent() && tag.get().holdsNationality() && tag.get().value(value)
                .map(v -> v.heldByNationality(clearance.nationality().code())).orElse(false);
    }

    private static String key(String tagSet, CategoryType type, String value) {
        return tagSet + '\u0000' + type.ordinal() + '\u0000' + value;
    }

    private static void set(long[] mask, int bit) {
        mask[bit >>> 6] |= 1L << (bit & 63);
    }
}
