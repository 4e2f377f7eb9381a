package io.liaison.core.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Marking phrases by language tag ({@code ko}, {@code ja}, {@code en}); the first one given is the
 * policy's own language and the default.
 */
public record Phrases(Map<String, String> byLanguage) {
    public Phrases {
        if (byLanguage == null || byLanguage.isEmpty()) {
            throw new IllegalArgumentException("a marking needs at least one phrase");
        }
        byLanguage.forEach((lang, phrase) -> {
            if (lang.isBlank() || phrase == null || phrase.isBlank()) {
                throw new IllegalArgumentException("marking phrase for language '" + lang + "' is empty");
            }
        });
        byLanguage = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byLanguage));
    }

    public static Phrases of(String lang, String phrase) {
        return new Phrases(Map.of(lang, phrase));
    }

    /** The phrase in the policy's own language. */
    public String primary() {
        return byLanguage.values().iterator().next();
    }

    /** The phrase in {@code lang}, else in its primary subtag ({@code fr-CA}: {@code fr}), else the primary one. */
    public String in(String lang) {
        return pick(byLanguage, lang).orElseGet(this::primary);
    }

    /** The entry for {@code lang}: exactly, else for its primary subtag ({@code fr-CA}: {@code fr}). */
    static Optional<String> pick(Map<String, String> byLanguage, String lang) {
        if (lang == null || lang.isEmpty()) {
            return Optional.empty();
        }
        String exact = byLanguage.get(lang);
        if (exact != null) {
            return Optional.of(exact);
        }
        int cut = Math.max(lang.indexOf('-'), lang.indexOf('_'));
        return cut > 0 ? Optional.ofNullable(byLanguage.get(lang.substring(0, cut))) : Optional.empty();
    }

    public Optional<String> exactly(String lang) {
        return Optional.ofNullable(byLanguage.get(lang));
    }
}
