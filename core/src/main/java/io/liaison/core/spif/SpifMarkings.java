package io.liaison.core.spif;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Labels and clearances marked as their SPIF says, per language: the policy's and classification's phrases, each
 * tag's values joined by its separator within its prefix and suffix, the policy's qualifiers around the whole.
 */
public final class SpifMarkings {
    private static final int LOCATION = SpifMarking.PAGE_BOTTOM;

    private SpifMarkings() {}

    /** The label's marking in {@code lang} (empty: the untagged phrases), at the page's top and bottom. */
    public static String marking(Spif spif, SpifLabel label, Optional<String> lang) {
        SpifCategories.samePolicy(spif, label);
        String l = lang.orElse("");
        Spif.Level level = SpifCategories.classification(spif, label);
        List<SpifCategories.Resolved> cats = SpifCategories.categories(spif, label);
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
        SpifCategories.samePolicy(spif, clearance);
        String l = lang.orElse("");
        Optional<SpifMarking> policy = SpifMarking.get(SpifMarking.of(spif.qualifiers(), spif.markings()), l);
        String sep = policy.map(p -> p.separator).filter(x -> !x.isEmpty()).orElse(" ");
        TreeMap<Integer, String> byRank = new TreeMap<>();
        for (long lacv : clearance.classifications().stream().sorted().toList()) {
            Spif.Level level = SpifCategories.classification(spif, lacv);
            byRank.putIfAbsent(level.hierarchy(), level.name());
        }
        StringBuilder out = new StringBuilder(policy.map(p -> p.prefix).orElse("")).append('{')
                .append(byRank.isEmpty() ? spif.level(0).map(Spif.Level::name).orElse("unclassified (auto)")
                        : String.join("|", byRank.values())).append('}');
        categories(out, SpifCategories.categories(spif, clearance), l, sep);
        return out + policy.map(p -> p.suffix).orElse("");
    }

    private static Optional<SpifMarking> own(SpifCategories.Resolved c, String lang) {
        return SpifMarking.get(SpifMarking.of(c.category().qualifiers(), c.category().markings()), lang);
    }

    /** Appends the categories: a tag's values joined by its separator ("/") within its prefix and suffix. */
    private static void categories(StringBuilder out, List<SpifCategories.Resolved> cats, String lang, String sep) {
        String tag = null;
        String tagSep = "";
        String tagSuffix = "";
        for (SpifCategories.Resolved c : cats) {
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
}
