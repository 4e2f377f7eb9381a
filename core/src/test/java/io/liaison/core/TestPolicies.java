package io.liaison.core;

import io.liaison.core.label.Category;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.policy.CategoryTag;
import io.liaison.core.policy.CategoryType;
import io.liaison.core.policy.Classification;
import io.liaison.core.policy.Phrases;
import io.liaison.core.policy.Rgb;
import io.liaison.core.policy.SecurityPolicy;
import io.liaison.core.policy.TagValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A small US-style policy built in code, so the core is tested without any file format. */
public final class TestPolicies {
    public static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");
    public static final List<String> LEVELS = List.of("UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET");
    public static final List<String> COUNTRIES = List.of("USA", "AUS", "CAN", "GBR", "JPN", "KOR", "NZL");
    public static final List<String> CONTROLS = List.of("ORCON", "NOFORN", "PROPIN");
    public static final List<String> CONTEXT = List.of("ALPHA", "BRAVO", "CHARLIE");

    private TestPolicies() {}

    public static SecurityPolicy us() {
        List<Classification> levels = new ArrayList<>();
        String[] portion = {"U", "C", "S", "TS"};
        for (int i = 0; i < LEVELS.size(); i++) {
            levels.add(new Classification(LEVELS.get(i), i + 1, i, Rgb.of("#007A33"), Rgb.of("#FFFFFF"),
                    Phrases.of("en", LEVELS.get(i)), Phrases.of("en", portion[i])));
        }
        List<TagValue> controls = List.of(
                value("ORCON", "OC"), new TagValue("NOFORN", 2, Phrases.of("en", "NOFORN"), "NF", List.of("Releasable To")),
                value("PROPIN", "PR"));
        List<TagValue> countries = COUNTRIES.stream().map(c -> value(c, c)).toList();
        List<TagValue> context = CONTEXT.stream().map(c -> value(c, c)).toList();
        return new SecurityPolicy("test-us", "TEST US", Optional.empty(), Party.of("USA"), levels, List.of(
                new CategoryTag("Dissemination Controls", CategoryType.RESTRICTIVE, "dissem", "", "/", false, controls),
                new CategoryTag("Releasable To", CategoryType.PERMISSIVE, "dissem", "REL TO ", ", ", true, countries),
                new CategoryTag("Context", CategoryType.PERMISSIVE, "Context", "", "/", false, context),
                new CategoryTag("Admin", CategoryType.INFORMATIVE, "Admin", "", "/", false,
                        List.of(value("STAFF", "ST")))),
                "//", "");
    }

    private static TagValue value(String name, String portion) {
        return new TagValue(name, 1, Phrases.of("en", name), portion, List.of());
    }

    public static SecurityLabel label(String level, Category... categories) {
        return new SecurityLabel(PolicyIdentifier.of("TEST US"), level, Optional.empty(), List.of(categories),
                Optional.of(Party.of("USA")), T0, Optional.empty());
    }

    public static Category restrictive(String... values) {
        return new Category("Dissemination Controls", CategoryType.RESTRICTIVE, List.of(values));
    }

    public static Category relTo(String... values) {
        return new Category("Releasable To", CategoryType.PERMISSIVE, List.of(values));
    }

    public static Category context(String... values) {
        return new Category("Context", CategoryType.PERMISSIVE, List.of(values));
    }
}
