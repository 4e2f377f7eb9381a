package io.liaison.catalog.spif;

import io.liaison.core.party.Party;
import io.liaison.core.policy.CategoryTag;
import io.liaison.core.policy.CategoryType;
import io.liaison.core.policy.Classification;
import io.liaison.core.policy.Phrases;
import io.liaison.core.policy.Rgb;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.core.policy.TagValue;
import io.liaison.core.spif.Spif;
import io.liaison.core.spif.SpifLabel;
import io.liaison.core.spif.SpifMarkings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes the policy the decisions use ({@link SecurityPolicy}) from a SPIF 2.1 file: levels with their banner
 * phrases per language (the level's name, in English, when the SPIF gives no phrase), colours by name or number,
 * tags of every type (an enumerated tag as its enumeration's type, tagType7 as informative, several tags of one type
 * in a tag set as one), categories that are not obsolete, exclusions by tag set, and Liaison's additions where the
 * file has them.
 */
final class SpifPolicies {
    private static final List<String> BANNER_CODES = List.of("pageTopBottom", "pageTop", "pageBottom");
    /** Banner colours by rank when the SPIF gives none, from the lowest: green, blue, red, orange, then purple. */
    private static final List<String> DEFAULT_COLOURS = List.of("#007A33", "#502B85", "#0033A0", "#C8102E", "#FF8C00");

    private SpifPolicies() {}

    static SecurityPolicy policy(PolicyFile file, Optional<Party> defaultOwner) {
        Spif spif = file.spif();
        LiaisonSpif ext = file.liaison();
        String source = "policy " + spif.policy().name();
        Party owner = ext.owner().map(o -> party(o, source)).or(() -> defaultOwner).orElseThrow(() -> PolicyFile.invalid(
                source + " names no owner (liaison:owner on securityPolicyId): say whose policy it is"));
        List<Classification> levels = new ArrayList<>();
        List<Spif.Level> sorted = spif.levels().stream().filter(l -> !l.obsolete())
                .sorted(java.util.Comparator.comparingInt(Spif.Level::hierarchy)).toList();
        for (int i = 0; i < sorted.size(); i++) {
            Spif.Level l = sorted.get(i);
            Phrases banner = ext.bannerAsWritten() ? phrases(l.name(), l.markings()) : banner(spif, l);
            Phrases portion = portion(ext.portions().get(LiaisonSpif.levelKey(l.name()))).orElse(banner);
            Rgb colour = Rgb.of(l.colour().map(c -> colour(c, source + ", classification " + l.name()))
                    .orElse(DEFAULT_COLOURS.get(Math.min(i * DEFAULT_COLOURS.size() / Math.max(1, sorted.size()),
                            DEFAULT_COLOURS.size() - 1))));
            Rgb text = Rgb.of(Optional.ofNullable(ext.textColours().get(l.name()))
                    .map(c -> colour(c, source + ", classification " + l.name())).orElse(contrast(colour)));
            levels.add(new Classification(l.name(), (int) l.lacv(), l.hierarchy(), colour, text, banner, portion));
        }
        Map<String, CategoryTag> tags = new LinkedHashMap<>();
        for (Spif.TagSet s : spif.tagSets()) {
            for (Spif.Tag t : s.tags()) {
                CategoryType type = io.liaison.core.spif.LabelForms.type(t);
                boolean nationality = ext.nationalityTags().contains(LiaisonSpif.tagKey(s.name(), t.name()));
                List<TagValue> values = new ArrayList<>();
                for (Spif.TagCategory c : t.categories()) {
                    if (c.obsolete()) {
                        continue;
                    }
                    String key = LiaisonSpif.categoryKey(s.name(), t.name(), c.name());
                    Phrases banner = phrases(c.name(), c.markings());
                    String portion = portion(ext.portions().get(key)).map(Phrases::primary).orElse(c.name());
                    List<String> excludes = c.excluded().stream().map(r -> spif.tagSet(r.tagSetRef())
                            .map(Spif.TagSet::name).orElse(r.tagSetRef())).distinct().toList();
                    Set<String> members = new LinkedHashSet<>();
                    Optional.ofNullable(ext.members().get(key)).ifPresent(m -> {
                        for (String code : m.split("\\s+")) {
                            members.add(party(code, source + ", category " + c.name()).code());
                        }
                    });
                    values.add(new TagValue(c.name(), (int) c.lacv(), banner, portion, excludes, members));
                }
                if (values.isEmpty()) {
                    continue;
                }
                String prefix = qualifier(t, "prefix").orElse("");
                String separator = qualifier(t, "separator").orElse("/");
                String suffix = qualifier(t, "suffix").orElse("");
                Map<String, String> prefixes = qualifiers(t, "prefix");
                Map<String, String> suffixes = qualifiers(t, "suffix");
                String block = ext.blocks().getOrDefault(s.name(), s.name());
                String mapKey = s.name() + "\u0000" + type;
                CategoryTag earlier = tags.get(mapKey);
                if (earlier != null) {
                    List<TagValue> merged = new ArrayList<>(earlier.values());
                    values.stream().filter(v -> earlier.value(v.name()).isEmpty()).forEach(merged::add);
                    values = merged;
                    nationality = nationality || earlier.holdsNationality();
                }
                tags.put(mapKey, new CategoryTag(s.name(), type, block, prefix, separator, nationality, values, prefixes,
                        suffix, suffixes));
            }
        }
        try {
            return new SecurityPolicy(file.shortId(), spif.policy().name(), Optional.of(spif.policy().oid()), owner,
                    levels, List.copyOf(tags.values()), ext.blockSeparator().orElse("//"),
                    ext.portionPrefix().orElse(""), Optional.of(spif));
        } catch (IllegalArgumentException e) {
            throw PolicyFile.invalid(source + ": " + e.getMessage());
        }
    }

    /** A catalog id from a policy's name: lower case, letters and digits joined by '-', at most 32 characters. */
    static String slug(String name) {
        String s = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKD).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            s = "p-" + s;
        }
        s = s.length() > 32 ? s.substring(0, 32) : s;
        s = s.replaceAll("-+$", "");
        return s.length() < 2 ? s + "-policy" : s;
    }

    /** Banner phrases per language; the name in English first when no phrase is in English or in no language. */
    private static Phrases phrases(String name, List<Spif.MarkingData> markings) {
        Map<String, String> byLang = new LinkedHashMap<>();
        for (Spif.MarkingData m : markings) {
            boolean banner = m.codes().isEmpty() || m.codes().stream().anyMatch(BANNER_CODES::contains);
            if (banner && m.phrase().isPresent() && !m.phrase().get().isBlank()) {
                byLang.putIfAbsent(m.lang().orElse("en"), m.phrase().get());
            }
        }
        if (!byLang.containsKey("en")) {
            Map<String, String> withName = new LinkedHashMap<>();
            withName.put("en", name);
            withName.putAll(byLang);
            byLang = withName;
        }
        return new Phrases(byLang);
    }

    /**
     * A classification's banner per language as the SPIF's marking rules make it for a label with that
     * classification alone: in English from the untagged phrases, and in each language the policy or the
     * classification has phrases in.
     */
    private static Phrases banner(Spif spif, Spif.Level level) {
        SpifLabel label = new SpifLabel(SpifLabel.Kind.LABEL, spif.policy().oid(), List.of(level.lacv()), List.of());
        Map<String, String> byLang = new LinkedHashMap<>();
        byLang.put("en", SpifMarkings.marking(spif, label, Optional.empty()));
        java.util.stream.Stream.concat(spif.markings().stream(), level.markings().stream())
                .flatMap(m -> m.lang().stream()).distinct().forEach(lang ->
                        byLang.putIfAbsent(lang, SpifMarkings.marking(spif, label, Optional.of(lang))));
        return new Phrases(byLang);
    }

    private static Optional<Phrases> portion(Map<String, String> byLang) {
        if (byLang == null || byLang.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> out = new LinkedHashMap<>();
        byLang.forEach((lang, text) -> out.putIfAbsent(lang.isEmpty() ? "en" : lang, text));
        return Optional.of(new Phrases(out));
    }

    private static Optional<String> qualifier(Spif.Tag t, String code) {
        for (Spif.MarkingQualifier mq : t.qualifiers()) {
            if (mq.codes().isEmpty() || mq.codes().stream().anyMatch(BANNER_CODES::contains)) {
                for (Spif.Qualifier q : mq.qualifiers()) {
                    if (q.code().equals(code) && q.lang().isEmpty()) {
                        return Optional.of(q.text());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A tag's qualifiers of one code by language, for the banner. */
    private static Map<String, String> qualifiers(Spif.Tag t, String code) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Spif.MarkingQualifier mq : t.qualifiers()) {
            if (mq.codes().isEmpty() || mq.codes().stream().anyMatch(BANNER_CODES::contains)) {
                for (Spif.Qualifier q : mq.qualifiers()) {
                    if (q.code().equals(code) && q.lang().isPresent()) {
                        out.putIfAbsent(q.lang().get(), q.text());
                    }
                }
            }
        }
        return out;
    }

    /** A colour as the SPIF writes it, by number ({@code #RRGGBB}) or by one of the names of HTML and CSS. */
    static String colour(String written, String where) {
        String c = written.strip();
        if (c.matches("#[0-9A-Fa-f]{6}")) {
            return c.toUpperCase(Locale.ROOT);
        }
        String hex = NAMED.get(c.toLowerCase(Locale.ROOT));
        if (hex == null) {
            throw PolicyFile.invalid(where + ": colour '" + written + "' is neither #RRGGBB nor a colour name ("
                    + String.join(", ", NAMED.keySet()) + ")");
        }
        return hex;
    }

    private static final Map<String, String> NAMED = named();

    private static Map<String, String> named() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("white", "#FFFFFF");
        m.put("black", "#000000");
        m.put("red", "#FF0000");
        m.put("green", "#008000");
        m.put("lime", "#00FF00");
        m.put("blue", "#0000FF");
        m.put("navy", "#000080");
        m.put("yellow", "#FFFF00");
        m.put("amber", "#FFBF00");
        m.put("orange", "#FFA500");
        m.put("purple", "#800080");
        m.put("fuchsia", "#FF00FF");
        m.put("magenta", "#FF00FF");
        m.put("aqua", "#00FFFF");
        m.put("cyan", "#00FFFF");
        m.put("teal", "#008080");
        m.put("olive", "#808000");
        m.put("maroon", "#800000");
        m.put("gray", "#808080");
        m.put("grey", "#808080");
        m.put("silver", "#C0C0C0");
        m.put("pink", "#FFC0CB");
        m.put("brown", "#A52A2A");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Black or white, whichever reads better on {@code background} (relative luminance, WCAG). */
    private static String contrast(Rgb background) {
        double l = 0.2126 * linear(background.red()) + 0.7152 * linear(background.green())
                + 0.0722 * linear(background.blue());
        return l > 0.179 ? "#000000" : "#FFFFFF";
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static Party party(String code, String where) {
        try {
            return Party.of(code);
        } catch (IllegalArgumentException e) {
            throw PolicyFile.invalid(where + ": " + e.getMessage());
        }
    }
}
