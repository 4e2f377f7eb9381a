package io.liaison.core.label;

import io.liaison.core.policy.CategoryTag;
import io.liaison.core.policy.Classification;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.core.policy.TagValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renders a valid label as its policy marks it: the banner ({@code SECRET//ORCON/REL TO USA, JPN}), the
 * portion marking ({@code S//OC/REL TO USA, JPN}, {@code //JPN 極秘}) and the banner colours. Values are
 * written in the policy's order (for REL TO: USA first, then the trigraphs alphabetically).
 */
public final class Markings {
    private Markings() {}

    /** The rendered forms of a label. */
    public record Rendered(String banner, String portion, Classification level) {}

    public static Rendered render(SecurityLabel label, SecurityPolicy policy, String lang) {
        LabelValidator.requireValid(label, policy);
        Classification level = policy.requireClassification(label.classification());
        String banner = banner(label, policy, level, lang);
        String portion = policy.portionPrefix() + level.portion().in(lang)
                + blocks(label, policy, TagValue::portion, lang);
        return new Rendered(banner, portion, level);
    }

    /** The banner in the policy's own language. */
    public static String banner(SecurityLabel label, SecurityPolicy policy) {
        LabelValidator.requireValid(label, policy);
        return banner(label, policy, policy.requireClassification(label.classification()), "");
    }

    private static String banner(SecurityLabel label, SecurityPolicy policy, Classification level, String lang) {
        return level.banner().in(lang) + blocks(label, policy, v -> v.banner().in(lang), lang);
    }

    private static String blocks(SecurityLabel label, SecurityPolicy policy, Function<TagValue, String> phrase,
            String lang) {
        Map<String, List<String>> blocks = new LinkedHashMap<>();
        for (CategoryTag tag : policy.tags()) {
            Optional<Category> present = label.category(tag.tagSet(), tag.type());
            if (present.isEmpty()) {
                continue;
            }
            List<TagValue> values = present.get().values().stream()
                    .map(v -> tag.value(v).orElseThrow())
                    .sorted(Comparator.comparingInt(v -> tag.indexOf(v.name())))
                    .toList();
            List<String> phrases = values.stream().map(phrase).toList();
            blocks.computeIfAbsent(tag.block(), b -> new ArrayList<>())
                    .add(tag.prefix(lang) + String.join(tag.separator(), phrases) + tag.suffix(lang));
        }
        StringBuilder out = new StringBuilder();
        for (List<String> parts : blocks.values()) {
            out.append(policy.blockSeparator()).append(String.join("/", parts));
        }
        return out.toString();
    }
}
