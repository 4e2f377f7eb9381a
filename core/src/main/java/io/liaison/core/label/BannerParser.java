package io.liaison.core.label;

import io.liaison.core.error.InvalidInputException;
import io.liaison.core.party.Party;
import io.liaison.core.policy.CategoryTag;
import io.liaison.core.policy.Classification;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.core.policy.TagValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses a banner line ({@code SECRET//REL TO USA, JPN, KOR}) into a label of the given policy. The
 * classification must be written in full: an abbreviation such as {@code S} is a portion marking and is
 * refused in a banner. Values may come in any order and are put in the policy's order; the result is
 * validated, so NOFORN with REL TO is refused.
 */
public final class BannerParser {
    private static final int MAX_LENGTH = 4096;

    private BannerParser() {}

    public static SecurityLabel parse(String banner, SecurityPolicy policy, Party originator, Instant created) {
        if (banner == null || banner.isBlank()) {
            throw invalid("banner is empty");
        }
        if (banner.length() > MAX_LENGTH) {
            throw invalid("banner is " + banner.length() + " characters; the limit is " + MAX_LENGTH);
        }
        String text = banner.strip();
        List<String> blocks = policy.blockSeparator().isEmpty()
                ? List.of(text)
                : List.of(text.split(java.util.regex.Pattern.quote(policy.blockSeparator()), -1));
        String levelText = blocks.getFirst().strip();
        Classification level = classification(levelText, policy);
        Map<CategoryTag, Set<String>> found = new LinkedHashMap<>();
        for (String block : blocks.subList(1, blocks.size())) {
            if (block.isBlank()) {
                throw invalid("banner '" + text + "' has an empty block between '" + policy.blockSeparator() + "'");
            }
            for (String segment : block.split("/", -1)) {
                readSegment(segment.strip(), policy, found, text);
            }
        }
        List<Category> categories = new ArrayList<>();
        for (CategoryTag tag : policy.tags()) {
            Set<String> values = found.get(tag);
            if (values != null) {
                categories.add(new Category(tag.tagSet(), tag.type(), values.stream()
                        .sorted(Comparator.comparingInt(tag::indexOf)).toList()));
            }
        }
        SecurityLabel label = new SecurityLabel(new PolicyIdentifier(policy.name(), policy.oid().map(o -> "urn:oid:" + o)),
                level.name(), Optional.empty(), categories, Optional.of(originator), created, Optional.empty());
        return LabelValidator.requireValid(label, policy);
    }

    private static Classification classification(String text, SecurityPolicy policy) {
        for (Classification c : policy.levels()) {
            if (c.banner().byLanguage().containsValue(text) || c.name().equals(text)) {
                return c;
            }
        }
        // As people type it: the same in Unicode compatibility form (군사II급비밀 is 군사Ⅱ급비밀).
        String typed = io.liaison.core.policy.Names.compatible(text);
        for (Classification c : policy.levels()) {
            if (c.banner().byLanguage().values().stream().map(io.liaison.core.policy.Names::compatible)
                    .anyMatch(typed::equals)) {
                return c;
            }
        }
        Optional<Classification> named = policy.classification(text);
        if (named.isPresent()) {
            return named.get();
        }
        for (Classification c : policy.levels()) {
            if (c.portion().byLanguage().containsValue(text)) {
                throw invalid("classification '" + text + "' is an abbreviation; a banner must spell it out as "
                        + c.banner().primary() + " (policy " + policy.id() + ")");
            }
        }
        throw invalid("classification '" + text + "' is not a level of policy " + policy.id() + " (levels: "
                + policy.levelNames() + ")");
    }

    private static void readSegment(String segment, SecurityPolicy policy, Map<CategoryTag, Set<String>> found,
            String banner) {
        if (segment.isEmpty()) {
            throw invalid("banner '" + banner + "' has an empty marking between '/'");
        }
        for (CategoryTag tag : policy.tags()) {
            java.util.Optional<String> prefix = tag.allPrefixes().stream().filter(p -> !p.isEmpty()
                    && segment.startsWith(p.strip())).findFirst();
            if (prefix.isPresent()) {
                readValues(tag, withoutSuffix(tag, segment.substring(prefix.get().strip().length()).strip()), found,
                        banner);
                return;
            }
        }
        for (CategoryTag tag : policy.tags()) {
            if (tag.prefix().isEmpty()) {
                String rest = withoutSuffix(tag, segment);
                if (!rest.equals(segment)) {
                    readValues(tag, rest, found, banner);
                    return;
                }
                for (TagValue v : tag.values()) {
                    if (v.banner().byLanguage().containsValue(segment) || v.name().equals(segment)) {
                        add(found, tag, v.name(), banner);
                        return;
                    }
                }
            }
        }
        throw invalid("marking '" + segment + "' in banner '" + banner + "' is not a category of policy " + policy.id());
    }

    /** The text without the tag's suffix in whichever language it ends with; the text itself when none. */
    private static String withoutSuffix(CategoryTag tag, String text) {
        for (String suffix : tag.allSuffixes()) {
            if (!suffix.isBlank() && text.endsWith(suffix.strip())) {
                return text.substring(0, text.length() - suffix.strip().length()).strip();
            }
        }
        return text;
    }

    /**
     * The values of one tag written between its prefix and suffix. A value's phrase may hold the separator itself
     * ("Korea, Republic of"): the longest run of parts that is a value is taken first.
     */
    private static void readValues(CategoryTag tag, String rest, Map<CategoryTag, Set<String>> found, String banner) {
        String sep = tag.separator().strip();
        List<String> parts = sep.isEmpty() ? List.of(rest) : List.of(rest.split(java.util.regex.Pattern.quote(sep), -1));
        for (int i = 0; i < parts.size(); ) {
            int taken = 0;
            for (int j = parts.size(); j > i + 1 && taken == 0; j--) {
                String joined = String.join(sep, parts.subList(i, j).stream().map(String::strip).toList());
                String spaced = String.join(sep + " ", parts.subList(i, j).stream().map(String::strip).toList());
                for (String candidate : List.of(spaced, joined)) {
                    if (taken == 0 && isValue(tag, candidate)) {
                        add(found, tag, valueOf(tag, candidate, banner), banner);
                        taken = j - i;
                    }
                }
            }
            if (taken == 0) {
                add(found, tag, valueOf(tag, parts.get(i).strip(), banner), banner);
                taken = 1;
            }
            i += taken;
        }
    }

    private static boolean isValue(CategoryTag tag, String text) {
        return tag.values().stream().anyMatch(v -> v.banner().byLanguage().containsValue(text) || v.name().equals(text));
    }

    private static String valueOf(CategoryTag tag, String text, String banner) {
        for (TagValue v : tag.values()) {
            if (v.banner().byLanguage().containsValue(text) || v.name().equals(text)) {
                return v.name();
            }
        }
        throw invalid("value '" + text + "' in banner '" + banner + "' is not a value of " + tag.tagSet());
    }

    private static void add(Map<CategoryTag, Set<String>> found, CategoryTag tag, String value, String banner) {
        if (!found.computeIfAbsent(tag, t -> new LinkedHashSet<>()).add(value)) {
            throw invalid("banner '" + banner + "' repeats " + value);
        }
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException("BANNER_INVALID", message);
    }
}
