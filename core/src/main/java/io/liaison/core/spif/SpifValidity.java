package io.liaison.core.spif;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether a label is valid under its SPIF: its classification's required categories, and for each category the
 * classifications and categories it excludes and those it requires.
 */
public final class SpifValidity {
    private SpifValidity() {}

    /** Why the label is not valid under the policy; empty when it is. */
    public static List<String> problems(Spif spif, SpifLabel label) {
        SpifCategories.samePolicy(spif, label);
        Spif.Level level = SpifCategories.classification(spif, label);
        List<SpifCategories.Resolved> cats = SpifCategories.categories(spif, label);
        List<String> out = new ArrayList<>();
        for (Spif.Required r : level.required()) {
            if (!matches(spif, r, cats)) {
                out.add("classification " + level.name() + " requires " + r.operation() + " of " + written(r));
            }
        }
        for (SpifCategories.Resolved c : cats) {
            if (c.category().excludedClasses().contains(level.name())) {
                out.add("category " + c.category().name() + " excludes classification " + level.name());
            }
            for (Spif.CategoryRef x : c.category().excluded()) {
                if (matches(spif, x, cats)) {
                    out.add("category " + c.category().name() + " excludes " + written(x));
                }
            }
            for (Spif.Required r : c.category().required()) {
                if (!matches(spif, r, cats)) {
                    out.add("category " + c.category().name() + " requires " + r.operation() + " of " + written(r));
                }
            }
        }
        return out;
    }

    private static String written(Spif.Required r) {
        return String.join(", ", r.groups().stream().map(SpifValidity::written).toList());
    }

    private static String written(Spif.CategoryRef ref) {
        return ref.tagSetRef() + " " + ref.tagType().written() + ref.enumType().map(e -> " " + e.written()).orElse("")
                + (ref.lacv().isPresent() ? " " + ref.lacv().getAsLong() : " (any)");
    }

    private static boolean matches(Spif spif, Spif.CategoryRef ref, List<SpifCategories.Resolved> cats) {
        Set<Spif.TagCategory> named = SpifCategories.referenced(spif, ref);
        return cats.stream().anyMatch(c -> named.contains(c.category()));
    }

    /** onlyOne: exactly one of the group's entries matches; oneOrMore: at least one; all: every one. */
    private static boolean matches(Spif spif, Spif.Required r, List<SpifCategories.Resolved> cats) {
        boolean found = false;
        for (Spif.CategoryRef g : r.groups()) {
            if (matches(spif, g, cats)) {
                if (r.operation().equals("onlyOne") && found) {
                    return false;
                }
                if (r.operation().equals("oneOrMore")) {
                    return true;
                }
                found = true;
            } else if (r.operation().equals("all")) {
                return false;
            }
        }
        return found;
    }
}
