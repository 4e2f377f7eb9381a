package io.liaison.core.access;

import io.liaison.core.label.Category;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.policy.SecurityPolicy;

/**
 * An independent, deliberately simple evaluator of R9 on sets and strings: the oracle the bit-mask
 * implementation is checked against.
 */
final class NaiveAccess {
    private NaiveAccess() {}

    static boolean permits(SecurityPolicy policy, Clearance c, SecurityLabel l) {
        if (policy.rank(c.level()) < policy.rank(l.classification())) {
            return false;
        }
        for (Category cat : l.categories()) {
            boolean nationalityTag = policy.tag(cat.tagName(), cat.type()).orElseThrow().holdsNationality();
            switch (cat.type()) {
                case RESTRICTIVE -> {
                    if (!c.held(cat.tagName()).containsAll(cat.values())) {
                        return false;
                    }
                }
                case PERMISSIVE -> {
                    boolean any = cat.values().stream().anyMatch(v -> c.held(cat.tagName()).contains(v)
                            || nationalityTag && v.equals(c.nationality().code()));
                    if (!any) {
                        return false;
                    }
                }
                case INFORMATIVE -> { }
            }
        }
        return true;
    }
}
