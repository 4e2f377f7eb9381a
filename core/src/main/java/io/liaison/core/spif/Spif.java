package io.liaison.core.spif;

import io.liaison.core.error.InvalidInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An Open XML SPIF 2.1: the policy's name and object identifier, its classifications, its tag sets, the marking
 * qualifiers of the policy as a whole, and the policies it declares equivalent. Its constructor checks what the
 * schema cannot: names and values unique where they must be, and every reference (a tag set, a tag, a category, a
 * classification) to something the policy defines.
 */
public record Spif(PolicyId policy, Optional<String> creationDate, List<Level> levels, List<TagSet> tagSets,
        List<MarkingData> markings, List<MarkingQualifier> qualifiers, List<EquivalentPolicy> equivalentPolicies,
        Optional<PolicyId> defaultPolicy) {

    public Spif {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(creationDate, "creationDate");
        levels = List.copyOf(levels);
        tagSets = List.copyOf(tagSets);
        markings = List.copyOf(markings);
        qualifiers = List.copyOf(qualifiers);
        equivalentPolicies = List.copyOf(equivalentPolicies);
        Objects.requireNonNull(defaultPolicy, "defaultPolicy");
        if (levels.isEmpty()) {
            throw invalid("policy " + policy.name() + " has no classification");
        }
        unique(levels.stream().map(Level::name).toList(), "classification name");
        unique(levels.stream().map(l -> Long.toString(l.lacv())).toList(), "classification lacv");
        unique(tagSets.stream().map(TagSet::name).toList(), "tag set name");
        unique(tagSets.stream().map(TagSet::oid).toList(), "tag set id");
        List<Level> allLevels = levels;
        List<TagSet> allSets = tagSets;
        for (Level l : levels) {
            for (Required r : l.required()) {
                r.groups().forEach(g -> resolve(allSets, g, "classification " + l.name()));
            }
        }
        for (TagSet s : tagSets) {
            for (Tag t : s.tags()) {
                for (TagCategory c : t.categories()) {
                    String where = "category " + c.name() + " of tag " + t.name();
                    for (String excluded : c.excludedClasses()) {
                        if (allLevels.stream().noneMatch(x -> x.name().equals(excluded))) {
                            throw invalid("excluded classification " + excluded + " in " + where + " is not a "
                                    + "classification of the policy");
                        }
                    }
                    c.excluded().forEach(g -> resolve(allSets, g, where));
                    c.required().forEach(r -> r.groups().forEach(g -> resolve(allSets, g, where)));
                }
            }
        }
    }

    static InvalidInputException invalid(String message) {
        return new InvalidInputException("SPIF_INVALID", message);
    }

    private static void unique(List<String> values, String what) {
        Set<String> seen = new HashSet<>();
        for (String v : values) {
            if (!seen.add(v)) {
                throw invalid("duplicate " + what + " " + v);
            }
        }
    }

    /** A reference must name a tag set of the policy, a tag of that type in it, and, if it names one, a category. */
    private static void resolve(List<TagSet> tagSets, CategoryRef ref, String where) {
        TagSet set = tagSets.stream().filter(x -> x.name().equals(ref.tagSetRef()) || x.oid().equals(ref.tagSetRef()))
                .findFirst().orElseThrow(() -> invalid("tag set " + ref.tagSetRef() + " named in "
                + where + " is not in the policy"));
        if (set.tag(ref.tagType(), ref.enumType()).isEmpty()) {
            throw invalid("tag set " + set.name() + " has no " + ref.tagType().written() + " tag, which " + where
                    + " names");
        }
        if (ref.lacv().isPresent() && set.category(ref.tagType(), ref.enumType(), ref.lacv().getAsLong()).isEmpty()) {
            throw invalid("tag set " + set.name() + " has no " + ref.tagType().written() + " category of lacv "
                    + ref.lacv().getAsLong() + ", which " + where + " names");
        }
    }

    public Optional<Level> level(String name) {
        return levels.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    public Optional<Level> level(long lacv) {
        return levels.stream().filter(l -> l.lacv() == lacv).findFirst();
    }

    /** A tag set by its name or its object identifier. */
    public Optional<TagSet> tagSet(String nameOrId) {
        return tagSets.stream().filter(s -> s.name().equals(nameOrId) || s.oid().equals(nameOrId)).findFirst();
    }

    /** A policy's name and object identifier. */
    public record PolicyId(String name, String oid) {
        public PolicyId {
            if (name == null || name.isBlank()) {
                throw invalid("a policy identifier needs a name");
            }
            if (oid == null || !oid.matches("[0-9]+(\\.[0-9]+)*")) {
                throw invalid("policy " + name + ": id '" + oid + "' is not an object identifier");
            }
        }
    }

    /** A policy this one maps to, and the categories a label needs for the mapping to apply. */
    public record EquivalentPolicy(PolicyId id, List<Required> required) {
        public EquivalentPolicy {
            Objects.requireNonNull(id, "id");
            required = List.copyOf(required);
        }
    }

    /** A classification: its name, lacv, rank, colour (a name or #RRGGBB), and what goes with it. */
    public record Level(String name, long lacv, int hierarchy, Optional<String> colour, boolean obsolete,
            List<MarkingData> markings, List<MarkingQualifier> qualifiers, List<Required> required,
            List<Equivalent> equivalents) {
        public Level {
            if (name == null || name.isBlank()) {
                throw invalid("a classification needs a name");
            }
            Objects.requireNonNull(colour, "colour");
            markings = List.copyOf(markings);
            qualifiers = List.copyOf(qualifiers);
            required = List.copyOf(required);
            equivalents = List.copyOf(equivalents);
        }
    }

    /** A phrase (or none) with the marking codes that say where and how it shows, in a language or in any. */
    public record MarkingData(Optional<String> phrase, List<String> codes, Optional<String> lang) {
        /** The marking codes of SPIF 2.1. */
        public static final List<String> CODES = List.of("pageTop", "pageBottom", "pageTopBottom", "documentEnd",
                "noNameDisplay", "noMarkingDisplay", "documentStart", "suppressClassName", "replacePolicy");

        public MarkingData {
            Objects.requireNonNull(phrase, "phrase");
            codes = List.copyOf(codes);
            for (String c : codes) {
                if (!CODES.contains(c)) {
                    throw invalid("Unknown marking code " + c + " (codes: " + String.join(", ", CODES) + ")");
                }
            }
            Objects.requireNonNull(lang, "lang");
        }
    }

    /** A tag set: its name, object identifier and tags. */
    public record TagSet(String name, String oid, List<Tag> tags) {
        public TagSet {
            if (name == null || name.isBlank()) {
                throw invalid("a tag set needs a name");
            }
            if (oid == null || !oid.matches("[0-9]+(\\.[0-9]+)*")) {
                throw invalid("tag set " + name + ": id '" + oid + "' is not an object identifier");
            }
            tags = List.copyOf(tags);
            if (tags.isEmpty()) {
                throw invalid("tag set " + name + " has no tag");
            }
            // A category is known by its tag set, its tag's type and its lacv: one lacv per type in a tag set.
            Set<String> seen = new HashSet<>();
            for (Tag t : tags) {
                for (TagCategory c : t.categories()) {
                    String key = t.type() + "/" + t.enumType().map(Enum::name).orElse("") + "/" + c.lacv();
                    if (!seen.add(key)) {
                        throw invalid("duplicate lacv " + c.lacv() + " among the " + t.type().written()
                                + " categories of tag set " + name);
                    }
                }
            }
        }

        /** The category of a type and lacv, in whichever tag of that type holds it. */
        public Optional<TagCategory> category(TagType type, Optional<TagType> enumType, long lacv) {
            return tags.stream().filter(t -> t.type() == type && (enumType.isEmpty() || t.enumType().equals(enumType)))
                    .flatMap(t -> t.category(lacv).stream()).findFirst();
        }

        /** The tag of a type (for an enumerated one, of its enumeration's type when given). */
        public Optional<Tag> tag(TagType type, Optional<TagType> enumType) {
            return tags.stream().filter(t -> t.type() == type && (enumType.isEmpty() || t.enumType().equals(enumType)))
                    .findFirst();
        }
    }

    /** A tag: its name, type, and categories, with the qualifiers its markings take. */
    public record Tag(String name, TagType type, Optional<TagType> enumType, Optional<String> tag7Encoding,
            boolean singleSelection, List<TagCategory> categories, List<MarkingQualifier> qualifiers) {
        public Tag {
            if (name == null || name.isBlank()) {
                throw invalid("a tag needs a name");
            }
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(enumType, "enumType");
            Objects.requireNonNull(tag7Encoding, "tag7Encoding");
            categories = List.copyOf(categories);
            qualifiers = List.copyOf(qualifiers);
            if (type == TagType.ENUMERATED && enumType.isEmpty()) {
                throw invalid("enumerated tag " + name + " has no enumType");
            }
            Set<Long> lacvs = new HashSet<>();
            Set<String> names = new HashSet<>();
            for (TagCategory c : categories) {
                if (!lacvs.add(c.lacv())) {
                    throw invalid("duplicate lacv " + c.lacv() + " in tag " + name);
                }
                if (!names.add(c.name())) {
                    throw invalid("duplicate category " + c.name() + " in tag " + name);
                }
            }
        }

        public Optional<TagCategory> category(long lacv) {
            return categories.stream().filter(c -> c.lacv() == lacv).findFirst();
        }

        public Optional<TagCategory> category(String name) {
            return categories.stream().filter(c -> c.name().equals(name)).findFirst();
        }
    }

    /** A category of a tag, with the classifications and categories it excludes or requires, and its markings. */
    public record TagCategory(String name, long lacv, boolean obsolete, List<String> excludedClasses,
            List<CategoryRef> excluded, List<Required> required, List<MarkingData> markings,
            List<MarkingQualifier> qualifiers, List<Equivalent> equivalents) {
        public TagCategory {
            if (name == null || name.isBlank()) {
                throw invalid("a category needs a name");
            }
            excludedClasses = List.copyOf(excludedClasses);
            if (new HashSet<>(excludedClasses).size() != excludedClasses.size()) {
                throw invalid("Duplicate excluded classification in category " + name);
            }
            excluded = List.copyOf(excluded);
            required = List.copyOf(required);
            markings = List.copyOf(markings);
            qualifiers = List.copyOf(qualifiers);
            equivalents = List.copyOf(equivalents);
        }
    }

    /**
     * A reference to categories of a tag set: one of them (lacv), or, without a lacv, any of that type (all of
     * them, for an exclusion marked {@code all}).
     */
    public record CategoryRef(String tagSetRef, TagType tagType, Optional<TagType> enumType, OptionalLong lacv,
            boolean all) {
        public CategoryRef {
            Objects.requireNonNull(tagSetRef, "tagSetRef");
            Objects.requireNonNull(tagType, "tagType");
            Objects.requireNonNull(enumType, "enumType");
            Objects.requireNonNull(lacv, "lacv");
        }
    }

    /** Categories required together: onlyOne, oneOrMore or all of the groups. */
    public record Required(String operation, List<CategoryRef> groups) {
        private static final Set<String> OPERATIONS = Set.of("onlyOne", "oneOrMore", "all");

        public Required {
            if (!OPERATIONS.contains(operation)) {
                throw invalid("required category operation '" + operation + "' is not onlyOne, oneOrMore or all");
            }
            groups = List.copyOf(groups);
        }
    }

    /** Text around or between a marking's values: prefix, suffix or separator, in a language or in any. */
    public record Qualifier(String text, String code, Optional<String> lang) {
        private static final Set<String> CODES = Set.of("prefix", "suffix", "separator");

        public Qualifier {
            Objects.requireNonNull(text, "text");
            if (!CODES.contains(code)) {
                throw invalid("qualifier code '" + code + "' is not prefix, suffix or separator");
            }
            Objects.requireNonNull(lang, "lang");
        }
    }

    /** Qualifiers that apply where the marking codes say. */
    public record MarkingQualifier(List<String> codes, List<Qualifier> qualifiers) {
        public MarkingQualifier {
            codes = List.copyOf(codes);
            qualifiers = List.copyOf(qualifiers);
        }
    }

    /**
     * What a classification or category is in an equivalent policy: that policy, the value there (lacv), whether
     * it applies when encrypting for it or decrypting from it, for a category its tag set, tag type and action,
     * and the categories the label needs for it to apply.
     */
    public record Equivalent(String policyRef, OptionalLong lacv, String applied, Optional<String> tagSetId,
            Optional<TagType> tagType, Optional<String> action, List<Required> required) {
        public Equivalent {
            required = List.copyOf(required);
            Objects.requireNonNull(policyRef, "policyRef");
            Objects.requireNonNull(lacv, "lacv");
            Objects.requireNonNull(applied, "applied");
            Objects.requireNonNull(tagSetId, "tagSetId");
            Objects.requireNonNull(tagType, "tagType");
            Objects.requireNonNull(action, "action");
        }
    }
}
