package io.liaison.core.spif;

import io.liaison.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a SPIF says of a label or clearance in its number-coded form: whether the label is valid, how it and a
 * clearance are marked (per language), whether a clearance may see a label, and what a label becomes in an
 * equivalent policy. Categories always come in the SPIF's own order (document order across its tag sets), never in
 * the order an encoding listed them. These are the rules the spiffing conformance suite states, with one
 * difference: an error names what it is about.
 */
public final class SpifJudge {
    private static final int LOCATION = SpifMarking.PAGE_BOTTOM;

    private SpifJudge() {}

    /** A label's category as the policy defines it: its tag set, its tag, itself, and its place in the policy. */
    record Resolved(Spif.TagSet set, Spif.Tag tag, Spif.TagCategory category, int ordinal) {}

    /** The policy's categories in document order, each with its set and tag. */
    private static Map<Spif.TagCategory, Resolved> index(Spif spif) {
        Map<Spif.TagCategory, Resolved> out = new IdentityHashMap<>();
        int ordinal = 0;
        for (Spif.TagSet s : spif.tagSets()) {
            for (Spif.Tag t : s.tags()) {
                for (Spif.TagCategory c : t.categories()) {
                    out.put(c, new Resolved(s, t, c, ordinal++));
                }
            }
        }
        return out;
    }

    private static void samePolicy(Spif spif, SpifLabel label) {
        if (!label.policyOid().equals(spif.policy().oid())) {
            throw new InvalidInputException("POLICY_MISMATCH", (label.kind() == SpifLabel.Kind.LABEL ? "Label"
                    : "Clearance") + " is incorrect policy: " + label.policyOid() + " is not " + spif.policy().name()
                    + " (" + spif.policy().oid() + ")");
        }
    }

    /** The label's categories resolved against the policy, without duplicates, in the policy's order. */
    static List<Resolved> categories(Spif spif, SpifLabel label) {
        Map<Spif.TagCategory, Resolved> index = index(spif);
        TreeMap<Integer, Resolved> out = new TreeMap<>();
        for (SpifLabel.Item item : label.categories()) {
            if (label.kind() == SpifLabel.Kind.CLEARANCE && item.type() == SpifLabel.ItemType.INFORMATIVE) {
                throw new InvalidInputException("LABEL_INVALID", "unsupported tag type informative in a clearance");
            }
            Spif.TagSet set = spif.tagSets().stream().filter(s -> s.oid().equals(item.tagSetId())).findFirst()
                    .orElseThrow(() -> new InvalidInputException("LABEL_INVALID", "Unknown tagset id: "
                            + item.tagSetId()));
            Spif.TagCategory c = set.tags().stream().filter(t -> SpifLabel.ItemType.of(t) == item.type())
                    .flatMap(t -> t.category(item.lacv()).stream()).findFirst().orElseThrow(() ->
                            new InvalidInputException("LABEL_INVALID", "Cannot find the tagType/LACV: tag set "
                                    + set.name() + " has no " + item.type().written() + " category of lacv "
                                    + item.lacv()));
            Resolved r = index.get(c);
            out.put(r.ordinal(), r);
        }
        return List.copyOf(out.values());
    }

    private static Spif.Level classification(Spif spif, long lacv) {
        return spif.level(lacv).orElseThrow(() -> new InvalidInputException("LABEL_INVALID", "Unknown classification: "
                + "lacv " + lacv + " is not a classification of " + spif.policy().name()));
    }

    private static Spif.Level classification(Spif spif, SpifLabel label) {
        if (label.classifications().isEmpty()) {
            throw new InvalidInputException("LABEL_INVALID", "the label has no classification");
        }
        return classification(spif, label.classifications().getFirst());
    }

    // Validity.

    /** Why the label is not valid under the policy; empty when it is. */
    public static List<String> problems(Spif spif, SpifLabel label) {
        samePolicy(spif, label);
        Spif.Level level = classification(spif, label);
        List<Resolved> cats = categories(spif, label);
        List<String> out = new ArrayList<>();
        for (Spif.Required r : level.required()) {
            if (!matches(spif, r, cats)) {
                out.add("classification " + level.name() + " requires " + r.operation() + " of " + written(r));
            }
        }
        for (Resolved c : cats) {
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
        return String.join(", ", r.groups().stream().map(SpifJudge::written).toList());
    }

    private static String written(Spif.CategoryRef ref) {
        return ref.tagSetRef() + " " + ref.tagType().written() + ref.enumType().map(e -> " " + e.written()).orElse("")
                + (ref.lacv().isPresent() ? " " + ref.lacv().getAsLong() : " (any)");
    }

    /** The categories a reference names: the one of its lacv, or, without one, all of exactly that type. */
    private static Set<Spif.TagCategory> referenced(Spif spif, Spif.CategoryRef ref) {
        Spif.TagSet set = spif.tagSet(ref.tagSetRef()).orElseThrow(() -> new InvalidInputException("SPIF_INVALID",
                "Unknown tagset name: " + ref.tagSetRef()));
        Set<Spif.TagCategory> out = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Spif.Tag t : set.tags()) {
            if (t.type() != ref.tagType() || ref.enumType().isPresent() && !t.enumType().equals(ref.enumType())) {
                continue;
            }
            for (Spif.TagCategory c : t.categories()) {
                if (ref.lacv().isEmpty() || ref.lacv().getAsLong() == c.lacv()) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static boolean matches(Spif spif, Spif.CategoryRef ref, List<Resolved> cats) {
        Set<Spif.TagCategory> named = referenced(spif, ref);
        return cats.stream().anyMatch(c -> named.contains(c.category()));
    }

    /** onlyOne: exactly one of the group's entries matches; oneOrMore: at least one; all: every one. */
    private static boolean matches(Spif spif, Spif.Required r, List<Resolved> cats) {
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

    // Markings.

    /** The label's marking in {@code lang} (empty: the untagged phrases), at the page's top and bottom. */
    public static String marking(Spif spif, SpifLabel label, Optional<String> lang) {
        samePolicy(spif, label);
        String l = lang.orElse("");
        Spif.Level level = classification(spif, label);
        List<Resolved> cats = categories(spif, label);
        Optional<SpifMarking> policy = SpifMarking.get(SpifMarking.of(spif.qualifiers(), spif.markings()), l);
        Optional<SpifMarking> cls = SpifMarking.get(SpifMarking.of(level.qualifiers(), level.markings()), l);
        String sep = policy.map(p -> p.separator).filter(x -> !x.isEmpty()).orElse(" ");
        boolean suppress = cats.stream().anyMatch(c -> own(c, l).map(m -> m.suppressClassName(LOCATION))
                .orElse(false));
        StringBuilder out = new StringBuilder();
        if (policy.isPresent() && policy.get().replacePolicy(LOCATION)) {
            out.append(policy.get().policyPhrase(LOCATION, spif.policy().name()));
        } else if (cls.isPresent() && cls.get().replacePolicy(LOCATION)) {
            out.append(cls.get().policyPhrase(LOCATION, level.name()));
        } else {
            Optional<String> replaced = cats.stream().flatMap(c -> own(c, l).filter(m -> m.replacePolicy(LOCATION))
                    .map(m -> m.policyPhrase(LOCATION, c.category().name())).stream()).findFirst();
            out.append(replaced.orElse(spif.policy().name()));
        }
        if (!suppress) {
            if (!out.isEmpty()) {
                out.append(sep);
            }
            out.append(cls.map(c -> c.phrase(LOCATION, level.name())).orElseGet(() -> policy.map(p -> p.phrase(LOCATION,
                    level.name())).orElse(level.name())));
        }
        categories(out, cats, l, sep);
        return policy.map(p -> p.prefix + out + p.suffix).orElse(out.toString());
    }

    /** A clearance's marking: the classifications it clears in braces by rank, then its categories as a label's. */
    public static String clearanceMarking(Spif spif, SpifLabel clearance, Optional<String> lang) {
        samePolicy(spif, clearance);
        String l = lang.orElse("");
        Optional<SpifMarking> policy = SpifMarking.get(SpifMarking.of(spif.qualifiers(), spif.markings()), l);
        String sep = policy.map(p -> p.separator).filter(x -> !x.isEmpty()).orElse(" ");
        TreeMap<Integer, String> byRank = new TreeMap<>();
        for (long lacv : clearance.classifications().stream().sorted().toList()) {
            Spif.Level level = classification(spif, lacv);
            byRank.putIfAbsent(level.hierarchy(), level.name());
        }
        StringBuilder out = new StringBuilder(policy.map(p -> p.prefix).orElse("")).append('{')
                .append(byRank.isEmpty() ? spif.level(0).map(Spif.Level::name).orElse("unclassified (auto)")
                        : String.join("|", byRank.values())).append('}');
        categories(out, categories(spif, clearance), l, sep);
        return out + policy.map(p -> p.suffix).orElse("");
    }

    private static Optional<SpifMarking> own(Resolved c, String lang) {
        return SpifMarking.get(SpifMarking.of(c.category().qualifiers(), c.category().markings()), lang);
    }

    /** Appends the categories: a tag's values joined by its separator ("/") within its prefix and suffix. */
    private static void categories(StringBuilder out, List<Resolved> cats, String lang, String sep) {
        String tag = null;
        String tagSep = "";
        String tagSuffix = "";
        for (Resolved c : cats) {
            Optional<SpifMarking> tagMarking = SpifMarking.get(SpifMarking.of(c.tag().qualifiers(), List.of()), lang);
            Optional<SpifMarking> m = own(c, lang).or(() -> tagMarking);
            String phrase = m.map(x -> x.phrase(LOCATION, c.category().name())).orElse(c.category().name());
            if (phrase.isEmpty()) {
                continue;
            }
            if (!c.tag().name().equals(tag)) {
                tag = c.tag().name();
                out.append(tagSuffix);
                if (!out.isEmpty()) {
                    out.append(sep);
                }
                tagSuffix = tagMarking.map(t -> t.suffix).orElse("");
                tagSep = tagMarking.map(t -> t.separator).filter(x -> !x.isEmpty()).orElse("/");
                out.append(tagMarking.map(t -> t.prefix).orElse(""));
            } else {
                out.append(tagSep);
            }
            out.append(phrase);
        }
        out.append(tagSuffix);
    }

    // Access.

    /**
     * Whether {@code clearance} may see {@code label}: the label's classification is one the clearance lists; every
     * restrictive category of the label is held; of each tag's permissive categories, at least one is held.
     * Informative categories decide nothing. A label and clearance of different policies decide nothing either: the
     * answer is no.
     */
    public static boolean mayRead(Spif clearancePolicy, SpifLabel clearance, Spif labelPolicy, SpifLabel label,
            Function<String, Optional<Spif>> policies) {
        if (!clearance.policyOid().equals(label.policyOid())) {
            return false;
        }
        samePolicy(clearancePolicy, clearance);
        Spif spif = labelPolicy;
        Spif.Level level = classification(spif, label);
        if (!clearance.classifications().contains(level.lacv())) {
            return false;
        }
        Set<Spif.TagCategory> held = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        categories(spif, clearance).forEach(c -> held.add(c.category()));
        String permissiveTag = null;
        List<Spif.TagCategory> permissive = new ArrayList<>();
        for (Resolved c : categories(spif, label)) {
            if (permissiveTag != null && !permissiveTag.equals(c.tag().name())) {
                if (permissive.stream().noneMatch(held::contains)) {
                    return false;
                }
                permissiveTag = null;
                permissive.clear();
            }
            SpifLabel.ItemType type = SpifLabel.ItemType.of(c.tag());
            if (type.restrictive()) {
                if (!held.contains(c.category())) {
                    return false;
                }
            } else if (type != SpifLabel.ItemType.INFORMATIVE) {
                permissive.add(c.category());
                permissiveTag = c.tag().name();
            }
        }
        return permissiveTag == null || permissive.stream().anyMatch(held::contains);
    }

    // Translation.

    /**
     * The label in an equivalent policy: its classification through the equivalent classification for encryption,
     * each category through its equivalents for that policy (discarded where the equivalent says so), and the
     * categories the equivalences require. Refused when the classification or a category has no equivalent there.
     */
    public static SpifLabel translate(Spif from, SpifLabel label, Spif to) {
        samePolicy(from, label);
        Spif.Level level = classification(from, label);
        String target = to.policy().oid();
        Function<String, Optional<String>> oidOf = name -> from.equivalentPolicies().stream()
                .filter(e -> e.id().name().equals(name)).findFirst().map(e -> e.id().oid());
        Spif.Equivalent eq = level.equivalents().stream().filter(e -> !e.applied().equals("decrypt")
                && oidOf.apply(e.policyRef()).equals(Optional.of(target))).findFirst().orElseThrow(() ->
                new InvalidInputException("NO_EQUIVALENT", "No equivalent classification of " + level.name() + " in "
                        + to.policy().name()));
        long lacv = eq.lacv().orElseThrow(() -> new InvalidInputException("NO_EQUIVALENT", "the equivalent of "
                + level.name() + " in " + to.policy().name() + " names no classification"));
        classification(to, lacv);
        Set<SpifLabel.Item> items = new LinkedHashSet<>();
        for (Spif.Required r : eq.required()) {
            items.addAll(fixup(to, r));
        }
        for (Resolved c : categories(from, label)) {
            List<Spif.Equivalent> list = c.category().equivalents().stream().filter(e -> oidOf.apply(e.policyRef())
                    .equals(Optional.of(target))).toList();
            if (list.isEmpty()) {
                throw new InvalidInputException("NO_EQUIVALENT", "No equivalence to " + c.category().name() + " in "
                        + to.policy().name());
            }
            for (Spif.Equivalent e : list) {
                if (e.action().isPresent()) {
                    continue;
                }
                Spif.TagSet set = e.tagSetId().flatMap(to::tagSet).orElseThrow(() -> new InvalidInputException(
                        "NO_EQUIVALENT", "the equivalent of " + c.category().name() + " names no tag set of "
                        + to.policy().name()));
                TagType type = e.tagType().orElseThrow();
                Spif.Tag tag = set.tags().stream().filter(t -> t.type() == type && t.category(e.lacv().orElse(-1))
                        .isPresent()).findFirst().orElseThrow(() -> new InvalidInputException("NO_EQUIVALENT",
                        "Cannot find the tagType/LACV " + e.lacv() + " in tag set " + set.name()));
                items.add(new SpifLabel.Item(set.oid(), SpifLabel.ItemType.of(tag), e.lacv().getAsLong()));
            }
        }
        from.equivalentPolicies().stream().filter(p -> p.id().oid().equals(target))
                .forEach(p -> p.required().forEach(r -> items.addAll(fixup(to, r))));
        return new SpifLabel(SpifLabel.Kind.LABEL, target, List.of(lacv), List.copyOf(items));
    }

    /** Every category a required group names in the target policy, added whatever the group's operation. */
    private static List<SpifLabel.Item> fixup(Spif to, Spif.Required r) {
        List<SpifLabel.Item> out = new ArrayList<>();
        Map<Spif.TagCategory, Resolved> index = index(to);
        for (Spif.CategoryRef g : r.groups()) {
            for (Spif.TagCategory c : referenced(to, g)) {
                Resolved res = index.get(c);
                out.add(new SpifLabel.Item(res.set().oid(), SpifLabel.ItemType.of(res.tag()), c.lacv()));
            }
        }
        return out;
    }
}
