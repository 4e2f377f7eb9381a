package io.liaison.core.spif;

import io.liaison.core.error.InvalidInputException;
import io.liaison.core.label.Category;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.policy.CategoryTag;
import io.liaison.core.policy.CategoryType;
import io.liaison.core.policy.SecurityPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A label by names ({@link SecurityLabel}, as a policy made from a SPIF spells it) and the same label by numbers
 * ({@link SpifLabel}, as the SPIF codes it): a level by its lacv, a category by its tag set's identifier, its kind
 * and its lacv.
 */
public final class LabelForms {
    private LabelForms() {}

    /** The label by numbers; refused when a level or value is not in the SPIF. */
    public static SpifLabel toSpif(SecurityLabel label, Spif spif) {
        Spif.Level level = spif.level(label.classification()).orElseThrow(() -> new InvalidInputException(
                "LABEL_INVALID", "classification " + label.classification() + " is not in SPIF " + spif.policy().name()));
        List<SpifLabel.Item> items = new ArrayList<>();
        for (Category c : label.categories()) {
            Spif.TagSet set = spif.tagSet(c.tagName()).orElseThrow(() -> new InvalidInputException("LABEL_INVALID",
                    "tag set " + c.tagName() + " is not in SPIF " + spif.policy().name()));
            for (String v : c.values()) {
                Spif.Tag tag = set.tags().stream().filter(t -> type(t) == c.type() && t.category(v).isPresent())
                        .findFirst().orElseThrow(() -> new InvalidInputException("LABEL_INVALID", "value " + v + " of "
                                + c.tagName() + " (" + c.type() + ") is not in SPIF " + spif.policy().name()));
                items.add(new SpifLabel.Item(set.oid(), SpifLabel.ItemType.of(tag), tag.category(v).orElseThrow()
                        .lacv()));
            }
        }
        return new SpifLabel(SpifLabel.Kind.LABEL, spif.policy().oid(), List.of(level.lacv()), items);
    }

    /** The label by names in {@code policy}, made from {@code spif}, by {@code originator}, marked at {@code at}. */
    public static SecurityLabel fromSpif(SpifLabel label, Spif spif, SecurityPolicy policy, Party originator,
            Instant at) {
        Spif.Level level = SpifCategories.classification(spif, label);
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, CategoryType> types = new LinkedHashMap<>();
        for (SpifCategories.Resolved r : SpifCategories.categories(spif, label)) {
            String key = r.set().name() + "\u0000" + type(r.tag());
            values.computeIfAbsent(key, k -> new ArrayList<>()).add(r.category().name());
            types.put(key, type(r.tag()));
        }
        List<Category> categories = new ArrayList<>();
        values.forEach((key, names) -> {
            String set = key.substring(0, key.indexOf('\u0000'));
            CategoryType type = types.get(key);
            Optional<CategoryTag> tag = policy.tag(set, type);
            List<String> ordered = tag.map(t -> names.stream().sorted(Comparator.comparingInt(t::indexOf)).toList())
                    .orElse(names);
            categories.add(new Category(set, type, ordered));
        });
        return new SecurityLabel(new PolicyIdentifier(policy.name(), policy.oid().map(o -> "urn:oid:" + o)),
                level.name(), Optional.empty(), categories, Optional.of(originator), at, Optional.empty());
    }

    /** The decision model's type of a SPIF tag: an enumerated tag counts as its enumeration's type. */
    public static CategoryType type(Spif.Tag t) {
        TagType type = t.type() == TagType.ENUMERATED ? t.enumType().orElseThrow() : t.type();
        return switch (type) {
            case RESTRICTIVE -> CategoryType.RESTRICTIVE;
            case PERMISSIVE -> CategoryType.PERMISSIVE;
            case TAG_TYPE_7, ENUMERATED -> CategoryType.INFORMATIVE;
        };
    }
}
