package io.liaison.core.policy;

import io.liaison.core.party.Party;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A party's security policy, as read from an Open XML SPIF file: ordered classification levels and
 * category tags, with the marking rules to render them.
 *
 * @param id short catalog id, e.g. {@code kor}
 * @param name the policy identifier written in labels ({@code PolicyIdentifier}), e.g. {@code ROK MND}
 * @param oid the policy's object identifier, when it has one
 * @param owner the party whose policy this is
 * @param levels classification levels, lowest first
 * @param tags category tags in marking order
 * @param blockSeparator text between marking blocks, e.g. {@code //}
 * @param portionPrefix text before a portion marking, e.g. {@code //JPN }
 * @param spif the SPIF 2.1 policy this one was made from, when it was: its equivalent policies translate labels
 *     where an agreement's table does not ({@code core.translation.Translator})
 */
public record SecurityPolicy(
        String id,
        String name,
        Optional<String> oid,
        Party owner,
        List<Classification> levels,
        List<CategoryTag> tags,
        String blockSeparator,
        String portionPrefix,
        Optional<io.liaison.core.spif.Spif> spif) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,31}");

    public SecurityPolicy {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("policy id '" + id + "' is invalid: lower-case letters, digits, '-'");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("policy " + id + " has no name");
        }
        Objects.requireNonNull(oid, "oid");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(blockSeparator, "blockSeparator");
        Objects.requireNonNull(portionPrefix, "portionPrefix");
        Objects.requireNonNull(spif, "spif");
        levels = levels.stream().sorted(Comparator.comparingInt(Classification::hierarchy)).toList();
        tags = List.copyOf(tags);
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("policy " + id + " has no classification levels");
        }
        Set<String> names = new HashSet<>();
        Set<Integer> ranks = new HashSet<>();
        for (Classification c : levels) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("policy " + id + " repeats classification " + c.name());
            }
            if (!ranks.add(c.hierarchy())) {
                throw new IllegalArgumentException(
                        "policy " + id + " gives hierarchy " + c.hierarchy() + " to two classifications");
            }
        }
        Set<String> tagKeys = new HashSet<>();
        for (CategoryTag t : tags) {
            if (!tagKeys.add(t.tagSet() + "\u0000" + t.type())) {
                throw new IllegalArgumentException("policy " + id + " repeats tag " + t.tagSet() + " (" + t.type() + ")");
            }
        }
    }

    /** A policy not made from a SPIF file. */
    public SecurityPolicy(String id, String name, Optional<String> oid, Party owner, List<Classification> levels,
            List<CategoryTag> tags, String blockSeparator, String portionPrefix) {
        this(id, name, oid, owner, levels, tags, blockSeparator, portionPrefix, Optional.empty());
    }

    /**
     * The level named {@code levelName}, as people type it: the same text once both are in Unicode compatibility
     * form (NFKC), so that {@code 군사II급비밀} with ASCII letters, as the GSOMIA's own text writes it, is
     * {@code 군사Ⅱ급비밀} with roman numerals. The level returned carries the policy's own spelling.
     */
    public Optional<Classification> classification(String levelName) {
        if (levelName == null) {
            return Optional.empty();
        }
        for (Classification c : levels) {
            if (c.name().equals(levelName)) {
                return Optional.of(c);
            }
        }
        String typed = Names.compatible(levelName);
        for (Classification c : levels) {
            if (Names.compatible(c.name()).equals(typed)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The policy's own spelling of a level typed in any compatible form; the text itself when it is no level. */
    public String canonicalLevel(String levelName) {
        return classification(levelName).map(Classification::name).orElse(levelName);
    }

    /** The level, or an {@link IllegalArgumentException} naming the level, the policy and its levels. */
    public Classification requireClassification(String levelName) {
        return classification(levelName).orElseThrow(() -> new IllegalArgumentException(
                "classification " + levelName + " is not a level of policy " + id + " (levels: " + levelNames() + ")"));
    }

    public Optional<CategoryTag> tag(String tagSet, CategoryType type) {
        for (CategoryTag t : tags) {
            if (t.tagSet().equals(tagSet) && t.type() == type) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public List<CategoryTag> tagsNamed(String tagSet) {
        return tags.stream().filter(t -> t.tagSet().equals(tagSet)).toList();
    }

    /** The tag whose values are nationalities (REL TO), if the policy has one. */
    public Optional<CategoryTag> nationalityTag() {
        return tags.stream().filter(CategoryTag::holdsNationality).findFirst();
    }

    /** Position of a level, 0 for the lowest; -1 when unknown. */
    public int rank(String levelName) {
        Optional<Classification> c = classification(levelName);
        return c.map(levels::indexOf).orElse(-1);
    }

    public String levelNames() {
        return String.join(", ", levels.stream().map(Classification::name).toList());
    }

    public Classification highest() {
        return levels.getLast();
    }

    public Classification lowest() {
        return levels.getFirst();
    }

    /** Its id, name and identifier; not the whole SPIF. */
    @Override
    public String toString() {
        return "SecurityPolicy[" + id + ", " + name + oid.map(o -> ", " + o).orElse("") + ", owner " + owner + "]";
    }
}
