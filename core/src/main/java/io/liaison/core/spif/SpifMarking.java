package io.liaison.core.spif;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one holder (the policy, a classification, a tag, a category) says of its marking in one language: the
 * prefix, suffix and separator of its qualifiers, and its marking data in order, each as the bits of its codes
 * with its phrase. Built per language from the holder's elements: a language's qualifiers borrow what they leave
 * empty from the untagged qualifiers of the same element, but a language's phrases stand alone.
 */
final class SpifMarking {
    static final int PAGE_TOP = 1;
    static final int PAGE_BOTTOM = 2;
    static final int DOCUMENT_END = 4;
    static final int NO_NAME_DISPLAY = 8;
    static final int NO_MARKING_DISPLAY = 16;
    static final int DOCUMENT_START = 32;
    static final int SUPPRESS_CLASS_NAME = 64;
    static final int REPLACE_POLICY = 128;
    private static final int LOCATIONS = PAGE_TOP | PAGE_BOTTOM | DOCUMENT_END | DOCUMENT_START | NO_MARKING_DISPLAY;

    String prefix = "";
    String suffix = "";
    String separator = "";
    final List<Entry> entries = new ArrayList<>();

    /** One marking data element: its codes' bits and its phrase (absent, or present and perhaps empty). */
    record Entry(int bits, Optional<String> phrase) {}

    private static int bits(String code) {
        return switch (code) {
            case "pageTop" -> PAGE_TOP;
            case "pageBottom" -> PAGE_BOTTOM;
            case "pageTopBottom" -> PAGE_TOP | PAGE_BOTTOM;
            case "documentEnd" -> DOCUMENT_END;
            case "noNameDisplay" -> NO_NAME_DISPLAY;
            case "noMarkingDisplay" -> NO_MARKING_DISPLAY;
            case "documentStart" -> DOCUMENT_START;
            case "suppressClassName" -> SUPPRESS_CLASS_NAME;
            case "replacePolicy" -> REPLACE_POLICY;
            default -> throw new IllegalArgumentException(code);
        };
    }

    /** A holder's markings by language ("" untagged); empty when it has none. */
    static Map<String, SpifMarking> of(List<Spif.MarkingQualifier> qualifiers, List<Spif.MarkingData> data) {
        Map<String, SpifMarking> out = new LinkedHashMap<>();
        Set<String> done = new LinkedHashSet<>();
        while (true) {
            SpifMarking cur = null;
            boolean found = false;
            String lang = "";
            for (Spif.MarkingQualifier mq : qualifiers) {
                for (Spif.Qualifier q : mq.qualifiers()) {
                    String ql = q.lang().orElse("");
                    if (!found) {
                        if (!done.add(ql)) {
                            continue;
                        }
                        found = true;
                        lang = ql;
                    } else if (!ql.equals(lang)) {
                        continue;
                    }
                    cur = cur == null ? new SpifMarking() : cur;
                    cur.set(q, false);
                }
                if (found && cur != null) {
                    for (Spif.Qualifier q : mq.qualifiers()) {
                        if (q.lang().isEmpty()) {
                            cur.set(q, true);
                        }
                    }
                }
            }
            for (Spif.MarkingData md : data) {
                String ml = md.lang().orElse("");
                if (!found) {
                    if (!done.add(ml)) {
                        continue;
                    }
                    found = true;
                    lang = ml;
                } else if (!ml.equals(lang)) {
                    continue;
                }
                cur = cur == null ? new SpifMarking() : cur;
                int bits = 0;
                for (String c : md.codes()) {
                    bits |= bits(c);
                }
                if ((bits & LOCATIONS) == 0) {
                    bits |= PAGE_BOTTOM;
                }
                cur.entries.add(new Entry(bits, md.phrase()));
            }
            if (!found) {
                return out;
            }
            if (cur != null) {
                out.putIfAbsent(lang, cur);
            }
        }
    }

    private void set(Spif.Qualifier q, boolean onlyIfEmpty) {
        switch (q.code()) {
            case "prefix" -> prefix = onlyIfEmpty && !prefix.isEmpty() ? prefix : q.text();
            case "suffix" -> suffix = onlyIfEmpty && !suffix.isEmpty() ? suffix : q.text();
            case "separator" -> separator = onlyIfEmpty && !separator.isEmpty() ? separator : q.text();
            default -> { }
        }
    }

    /** The markings for {@code lang}: exactly, else its primary subtag (fr-CA → fr), else untagged, else none. */
    static Optional<SpifMarking> get(Map<String, SpifMarking> markings, String lang) {
        if (markings.containsKey(lang)) {
            return Optional.of(markings.get(lang));
        }
        int cut = Math.max(lang.indexOf('-'), lang.indexOf('_'));
        if (cut > 0 && markings.containsKey(lang.substring(0, cut))) {
            return Optional.of(markings.get(lang.substring(0, cut)));
        }
        return Optional.ofNullable(markings.get(""));
    }

    private Optional<Entry> first(int mask) {
        return entries.stream().filter(e -> (e.bits() & mask) != 0).findFirst();
    }

    /** How a value shows: hidden (""), its name, or its phrase. */
    String phrase(int location, String name) {
        return first(location).map(e -> (e.bits() & NO_NAME_DISPLAY) != 0 ? ""
                : (e.bits() & REPLACE_POLICY) != 0 || e.phrase().isEmpty() ? name : e.phrase().get()).orElse(name);
    }

    /** What shows in the policy's place: the phrase of the first entry for the location or replacing the policy. */
    String policyPhrase(int location, String name) {
        return first(location | REPLACE_POLICY).map(e -> e.phrase().orElse(name)).orElse(name);
    }

    boolean suppressClassName(int location) {
        return first(location).map(e -> (e.bits() & SUPPRESS_CLASS_NAME) != 0).orElse(false);
    }

    boolean replacePolicy(int location) {
        return first(location).map(e -> (e.bits() & REPLACE_POLICY) != 0).orElse(false);
    }
}
